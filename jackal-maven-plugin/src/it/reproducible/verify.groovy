// artifact:compare in small: two builds of one project wrote byte-identical packages, because the package's
// build.timestamp comes from project.build.outputTimestamp, and host and user are left out.
import java.security.MessageDigest

def name = 'jackal-package-reproducible-amd64-2.0.0.tar.zst'
def first = new File(basedir, 'target/first/' + name)
def second = new File(basedir, 'target/second/' + name)
assert first.isFile() : "the first build wrote no " + first
assert second.isFile() : "the second build wrote no " + second
// the builds were more than a second apart, so a build time taken from the clock would differ
assert second.lastModified() - first.lastModified() >= 1000 : "the builds were too close to tell"

def sha256 = { File file ->
    def digest = MessageDigest.getInstance('SHA-256')
    file.withInputStream { input ->
        byte[] buffer = new byte[65536]
        for (int n = input.read(buffer); n > 0; n = input.read(buffer)) {
            digest.update(buffer, 0, n)
        }
    }
    return digest.digest().encodeHex().toString()
}
assert sha256(first) == sha256(second) : "two builds differ: " + sha256(first) + " != " + sha256(second)

// what makes them equal is in the definition: the POM's time, no host or user
def root = new File(basedir, '../../../..').canonicalFile
def jar = new File(root, 'jackal-deployer/target/jackal-deployer.jar')
assert jar.isFile() : "the deployer jar is built before the plugin's integration tests: " + jar
def process = ['java', '-jar', jar.path, 'package', 'inspect', first.path, '--no-progress', '-l', 'warn'].execute()
def out = new StringBuilder(), err = new StringBuilder()
process.waitForProcessOutput(out, err)
assert process.exitValue() == 0 : "inspect failed: " + err
def definition = out.toString()
assert definition.contains('timestamp: "Thu, 01 Jan 2026 00:00:00 +0000"') : definition
assert !definition.contains('terminal:') : definition
assert !definition.contains('user:') : definition
// the local chart went through Helm's native library in the plugin's realm (chosen by jackal-core's OS profile)
assert definition.contains('localPath: chart/greeter') : definition
def log = new File(basedir, 'build.log').text
assert !log.contains('No NativeLibrary implementation found') : log
return true
