// mvn -o package built from the cache alone (the sources were stopped), a second -o package was up to date, and a
// build with an empty cache failed with one line naming jackal:go-offline.
def sources = new Properties()
new File(basedir, '../offline-sources.properties').withInputStream { sources.load(it) }
def registry = sources.getProperty('REGISTRY')
def web = sources.getProperty('WEB')
// the sources really are gone
[registry, web].each { address ->
    def (host, port) = address.split(':')
    try {
        new Socket(host, port as int).close()
        assert false : address + " still answers"
    } catch (ConnectException expected) {
    }
}

def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/jackal-package-offline-amd64-1.0.tar.zst').isFile() : log
assert new File(basedir, 'target/jackal-package-offline-arm64-1.0.tar.zst').isFile() : log
assert log.contains('[WARNING] offline: ' + registry + '/jackal/hello:1.0 is taken as sha256:') : log
assert log.contains('jackal: jackal-package-offline-amd64-1.0.tar.zst is up to date (-Djackal.force rebuilds it)') : log
assert log.contains('jackal: jackal-package-offline-arm64-1.0.tar.zst is up to date (-Djackal.force rebuilds it)') : log
def missing = log.readLines().find { it.contains('offline and not cached') }
assert missing != null : log
assert missing.contains('component app, files[1].source: http://' + web + '/notice.txt: offline and not cached: run `mvn jackal:go-offline`') : missing
return true
