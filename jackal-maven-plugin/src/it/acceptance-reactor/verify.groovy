// Issue 11's acceptance, checked from outside jackal:
// (1) the producer's mvn deploy put the amd64, arm64 and skeleton archives (and the BOM) in the file repository, and
//     skopeo (credentials from an auth file) sees one tag whose index has multi/amd64, multi/arm64 and multi/skeleton;
// (2) the consumer, a second project, composed the skeleton's component from the BOM-managed coordinates, online and
//     then with mvn -o;
// (3) the shaded deployer deploys the published tag's 'config' component on the test control plane, reading from the
//     registry (through a counting proxy) no more than the selected layers, the index and the manifest.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.concurrent.TimeUnit

def registry = context.get('acceptanceRegistry')
def loader = context.get('acceptanceLoader')
def root = new File(basedir, '../../../..').canonicalFile
def target = new File(basedir, 'target')
def closeables = []

def run = { List<String> command, Map<String, String> env ->
    def builder = new ProcessBuilder(command)
    builder.environment().putAll(env)
    def out = File.createTempFile('accept-out', '.txt', target)
    def err = File.createTempFile('accept-err', '.txt', target)
    def process = builder.redirectOutput(out).redirectError(err).redirectInput(new File('/dev/null')).start()
    assert process.waitFor(10, TimeUnit.MINUTES) : 'did not exit: ' + command
    [exit: process.exitValue(), out: out.text, err: err.text]
}
// Docker's config format, read by skopeo (--authfile) and by the deployer (DOCKER_CONFIG): the password stays off
// every command line
def authDir = new File(target, 'auth')
authDir.mkdirs()
def writeAuth = { List<String> addresses ->
    def auth = (registry.username().get() + ':' + registry.password().get()).bytes.encodeBase64().toString()
    new File(authDir, 'config.json').text = JsonOutput.toJson(
            [auths: addresses.collectEntries { [(it): [auth: auth]] }])
}

try {
    def log = new File(basedir, 'build.log').text
    // the four invocations of invoker.properties, in order
    def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
    assert runs.size() == 4 : log
    (0..2).each { assert runs[it].contains('BUILD SUCCESS') : runs[it] }

    // (1) the file repository
    def repo = new File(target, 'maven-repo/dev/jackal/it/acceptance')
    ['amd64', 'arm64', 'skeleton'].each {
        def file = new File(repo, 'catalog/5.0.0/catalog-5.0.0-' + it + '.tar.zst')
        assert file.isFile() && file.length() > 0 : 'not deployed: ' + file + ' ' + new File(repo, 'catalog/5.0.0').list()
    }
    assert new File(repo, 'acceptance-bom/5.0.0/acceptance-bom-5.0.0.pom').isFile() : log

    // (1) the registry, seen by skopeo
    def url = 'oci://' + registry.address() + '/accept/catalog:5.0.0'
    ['amd64', 'arm64', 'skeleton'].each {
        assert log.contains('[INFO] jackal: ' + it + ' published as ' + url) : log
    }
    writeAuth([registry.address()])
    def skopeo = loader.loadClass('dev.jackal.test.TestTools').onPath('skopeo', 'skopeo').toString()
    def inspect = { String ref ->
        def result = run([skopeo, '--insecure-policy', 'inspect', '--raw', '--tls-verify=false',
                          '--authfile', new File(authDir, 'config.json').path,
                          'docker://' + registry.address() + '/accept/catalog' + ref], [:])
        assert result.exit == 0 : result.err
        result.out
    }
    def indexText = inspect(':5.0.0')
    def index = new JsonSlurper().parseText(indexText)
    assert index.mediaType == 'application/vnd.oci.image.index.v1+json' : indexText
    assert index.manifests.collect { it.platform.os + '/' + it.platform.architecture }.sort() ==
            ['multi/amd64', 'multi/arm64', 'multi/skeleton'] : indexText
    def amd64 = index.manifests.find { it.platform.architecture == 'amd64' }
    def manifestText = inspect('@' + amd64.digest)
    def manifest = new JsonSlurper().parseText(manifestText)
    def titles = manifest.layers.collect { it.annotations['org.opencontainers.image.title'] }
    assert titles.containsAll(['jackal.yaml', 'checksums.txt', 'components/config.tar', 'components/bulk.tar']) : manifestText
    def bulkLayer = manifest.layers.find { it.annotations['org.opencontainers.image.title'] == 'components/bulk.tar' }
    assert bulkLayer.size > 2_900_000 : manifestText
    def skeleton = new JsonSlurper().parseText(inspect('@' + index.manifests.find { it.platform.architecture == 'skeleton' }.digest))
    assert skeleton.config.mediaType == 'application/vnd.jackal.config.v1+json' : skeleton

    // (2) the consumer resolved the BOM and the skeleton through Maven, from the file repository, into ~/.m2
    def local = new File(basedir, '../../it-repo/dev/jackal/it/acceptance')
    assert new File(local, 'catalog/5.0.0/catalog-5.0.0-skeleton.tar.zst').isFile() : log
    assert new File(local, 'acceptance-bom/5.0.0/acceptance-bom-5.0.0.pom').isFile() : log
    assert runs[1].contains('Downloaded from acceptance-files') : runs[1]
    // the forced offline build composed the package again: two 'created' archives for the consumer
    def archive = new File(basedir, 'consumer/target/jackal-package-shop-amd64-1.0.0.tar.zst')
    assert archive.isFile() : log
    assert runs[1].contains('created ' + archive.path) : runs[1]
    // the offline run: jackal saw the session offline, rebuilt (forced), and Maven fetched nothing
    assert runs[2].contains('jackal: building (-Djackal.force)') : runs[2]
    assert runs[2].contains('creating package shop for amd64, offline') : runs[2]
    assert runs[2].contains('created ' + archive.path) : runs[2]
    assert !runs[2].contains('Downloading from') : runs[2]
    // without the <dependency>, the BOM alone does not make the import resolvable: one line with the snippet to add
    assert runs[3].contains('BUILD FAILURE') : runs[3]
    assert runs[3].contains('dev.jackal.it.acceptance:catalog is not a dependency of this project; add <dependency>'
            + '<groupId>dev.jackal.it.acceptance</groupId><artifactId>catalog</artifactId><type>tar.zst</type>'
            + '<classifier>skeleton</classifier><scope>provided</scope></dependency> to its <dependencies>') : runs[3]
    def out = new File(target, 'check')
    out.mkdirs()
    def untar = { File tar, File dir ->
        def result = run(['sh', '-c', 'zstd -dcf "$1" | tar -x -C "$2"', 'untar', tar.path, dir.path], [:])
        assert result.exit == 0 : 'cannot unpack ' + tar + ': ' + result.err
    }
    untar(archive, out)
    untar(new File(out, 'components/catalog.tar'), out)
    assert new File(out, 'catalog/manifests/catalog-config-0.yaml').text.contains('page_size: "50"')
    def definition = new File(out, 'jackal.yaml').text
    assert definition.contains('name: catalog') && !definition.contains('maven:') : definition
    assert !new File(out, 'components/bulk.tar').exists() : 'only the imported component: ' + definition

    // (3) deploy oci://… of the Maven-published tag with the shaded deployer, one component, through a counting proxy
    def jar = new File(System.getProperty('jackal.it.deployerJar',
            new File(root, 'jackal-deployer/target/jackal-deployer.jar').path))
    assert jar.isFile() : 'the shaded deployer is not built: ' + jar + ' (package jackal-deployer first, or pass -Djackal.it.deployerJar)'
    def plane = loader.loadClass('dev.jackal.test.kube.KubernetesControlPlane').start()
    closeables << plane
    def proxy = loader.loadClass('dev.jackal.test.http.TcpProxy').to('127.0.0.1', registry.port())
    closeables << proxy
    writeAuth([registry.address(), proxy.address()])
    def java = new File(System.getProperty('java.home'), 'bin/java').path
    def deployed = run([java, '-jar', jar.path, 'package', 'deploy', 'oci://' + proxy.address() + '/accept/catalog:5.0.0',
                        '--confirm', '--components', 'config', '-a', 'amd64', '--no-progress'],
            [KUBECONFIG: plane.kubeconfig().toString(), DOCKER_CONFIG: authDir.path])
    assert deployed.exit == 0 : deployed.err
    assert deployed.err.contains('Jackal deployment complete: catalog') : deployed.err
    def received = proxy.bytesReceived()
    // what the partial pull may read: every layer but the left-out component's, the config, the index and the
    // manifest (each possibly fetched twice: once to resolve, once to read), plus HTTP headers and 401 challenges (16 KiB)
    def selected = manifest.layers.findAll { it != bulkLayer }.sum { it.size as long } + (manifest.config.size as long)
    def bound = selected + 2 * (indexText.bytes.length + manifestText.bytes.length) + 16 * 1024
    println "acceptance-reactor: read " + received + " bytes from the registry, bound " + bound + ", left out " + bulkLayer.size
    assert received <= bound : 'read ' + received + ' bytes from the registry, more than ' + bound
    assert received < bulkLayer.size : 'read ' + received + ' bytes: the left-out component moved'
    def response = plane.httpClient().send(
            HttpRequest.newBuilder(URI.create(plane.apiServerUrl() + '/api/v1/namespaces/catalog/configmaps/catalog-config')).build(),
            HttpResponse.BodyHandlers.ofString())
    assert response.statusCode() == 200 : response.body()
    assert response.body().contains('"page_size":"50"') : response.body()
} finally {
    closeables.reverse().each { it.close() }
    registry.close()
}
return true
