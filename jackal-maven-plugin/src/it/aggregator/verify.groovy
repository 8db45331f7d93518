// A reactor: the aggregating parent is skipped, the module packages with the parent's settings and its own version.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS') : log
assert log.contains('[INFO] jackal: skipped, aggregator aggregates modules and has no jackal.yaml') : log
// metadata.version from the module's project.version; the architecture from the parent's <properties>
def archive = new File(basedir, 'app/target/jackal-package-app-arm64-3.1.0-SNAPSHOT.tar.zst')
assert archive.isFile() : "the module's package is missing: " + log
assert !new File(basedir, 'target').exists() || new File(basedir, 'target').list().findAll { it.endsWith('.tar.zst') }.isEmpty()
return true
