// go-offline prepared both executions' architectures from the live sources; then the sources are stopped, so the
// 'offline' IT that runs next can only build from the cache.
def registryProcess = context.get('offlineRegistry')
def http = context.get('offlineHttp')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('BUILD SUCCESS') : log
    assert log.contains('jackal: cached what package needs for amd64') : log
    assert log.contains('jackal: cached what package needs for arm64') : log
    assert context.get('offlineRequests').contains('/notice.txt')
    assert new File(basedir, '../offline-cache/images/tags').isDirectory()
    // nothing attached, no scratch directory left behind
    def target = new File(basedir, 'target')
    assert !target.list().any { it.startsWith('jackal-go-offline-') || it.endsWith('.tar.zst') } : target.list()
} finally {
    http.stop(0)
    registryProcess.outputStream.close()
    registryProcess.waitFor()
}
return true
