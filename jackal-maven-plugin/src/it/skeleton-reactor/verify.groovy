// A two-module reactor built with 'verify' (no install): the producer attached its skeleton, the consumer imported
// its component by import.maven with the version from the parent's dependencyManagement.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS') : log
// the reactor put the producer first although the module list names the consumer first
assert log.indexOf('Building postgres') < log.indexOf('Building shop') : log

def skeleton = new File(basedir, 'producer/target/jackal-package-postgres-skeleton-4.0.0-SNAPSHOT.tar.zst')
assert skeleton.isFile() : "the producer wrote no skeleton: " + log
// nothing was installed: the local repository of the ITs has no dev/jackal/it/postgres
def localRepo = new File(basedir, '../../it-repo/dev/jackal/it/postgres')
assert !localRepo.exists() : "the skeleton was installed, so the reactor was not tested: " + localRepo

def unpacked = new File(basedir, 'consumer/target/jackal/skeletons/dev.jackal.it/postgres')
assert new File(unpacked, 'jackal.yaml').text.contains('architecture: skeleton')

def archive = new File(basedir, 'consumer/target/jackal-package-shop-amd64-4.0.0-SNAPSHOT.tar.zst')
assert archive.isFile() : "the consumer wrote no package: " + log
def out = new File(basedir, 'consumer/target/check')
out.mkdirs()
def untar = { File tar, File dir ->
    def process = ['sh', '-c', 'zstd -dcf "$1" | tar -x -C "$2"', 'untar', tar.path, dir.path].execute()
    def err = new StringBuilder()
    process.waitForProcessOutput(new StringBuilder(), err)
    assert process.exitValue() == 0 : "cannot unpack " + tar + ": " + err
}
untar(archive, out)
untar(new File(out, 'components/database.tar'), out)
assert new File(out, 'database/files/0/schema.sql').text == 'create table orders (id bigint primary key);\n'
assert new File(out, 'database/manifests/db-config-0.yaml').text.contains('max_connections: "100"')
def definition = new File(out, 'jackal.yaml').text
assert definition.contains('name: database') : definition
assert !definition.contains('maven:') : "the import is composed away: " + definition
return true
