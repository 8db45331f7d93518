// The three deploys of prebuild.groovy's registry: the tag holds the first build (TEAM=one), the second was refused
// before anything was sent, the third sent no blob; the file repository got the archive.
import groovy.json.JsonSlurper

def registry = context.get('publishRegistry')
try {
    def log = new File(basedir, 'build.log').text
    def url = 'oci://' + registry.address() + '/it/published:3.0.0'
    assert log.contains('[INFO] jackal: amd64 published as ' + url) : log
    assert log.contains(url + ' already holds a different amd64 package') : log
    assert log.contains('-Djackal.publish.overwrite (<publishOverwrite>true</publishOverwrite>) to replace it') : log
    assert log.contains('0 blobs uploaded') : log

    def skopeo = context.get('publishLoader').loadClass('dev.jackal.test.oci.Skopeo').find()
    def index = new JsonSlurper().parseText(skopeo.inspectRaw(registry, 'it/published:3.0.0'))
    assert index.mediaType == 'application/vnd.oci.image.index.v1+json' : index
    assert index.manifests.collect { it.platform.os + '/' + it.platform.architecture } == ['multi/amd64'] : index
    def manifest = new JsonSlurper().parseText(skopeo.inspectRaw(registry, 'it/published@' + index.manifests[0].digest))
    assert manifest.annotations['org.opencontainers.image.description'] == 'made by one' : manifest
    // the Maven twin of the published package
    assert manifest.annotations['dev.jackal.maven.coordinates'] == 'dev.jackal.it:publish-deploy:3.0.0:amd64' : manifest
    assert manifest.layers.collect { it.annotations['org.opencontainers.image.title'] }.contains('jackal.yaml') : manifest

    def files = new File(basedir, 'target/maven-repo/dev/jackal/it/publish-deploy/3.0.0')
    assert new File(files, 'publish-deploy-3.0.0-amd64.tar.zst').isFile() : files.list()
    assert new File(files, 'publish-deploy-3.0.0.pom').isFile() : files.list()
} finally {
    registry.close()
}
return true
