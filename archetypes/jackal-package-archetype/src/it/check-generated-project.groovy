// Checks one project generated from jackal-package-archetype after its `mvn package`: the files a user gets, the
// plugin version the archetype filled in, the wrapper, and the package the build wrote (verified and unpacked with
// this reactor's deployer jar and tar). Evaluated by the ITs' verify scripts with these variables bound:
//   generated (File, the generated project), expectedName, expectedVersion (String)
import groovy.xml.XmlSlurper

def root = generated.canonicalFile
while (root != null && !(new File(root, 'jackal-deployer').isDirectory() && new File(root, 'mvnw').isFile())) {
    root = root.parentFile
}
assert root != null : 'the jackal repository above ' + generated

// the tree: POM, definition, one manifest, one file, the wrapper, .gitignore (renamed by the post-generate script)
['pom.xml', 'jackal.yaml', 'manifests/configmap.yaml', 'files/greeting.txt', 'README.md', '.gitignore', 'mvnw',
 '.mvn/wrapper/maven-wrapper.properties', '.mvn/wrapper/bootstrap-pom.xml'].each {
    assert new File(generated, it).isFile() : 'missing in the generated project: ' + it
}
assert !new File(generated, 'gitignore').exists()
assert new File(generated, 'mvnw').canExecute() : 'archetype-post-generate.groovy makes mvnw executable'
// the wrapper is this repository's own, byte for byte
['mvnw', '.mvn/wrapper/maven-wrapper.properties', '.mvn/wrapper/bootstrap-pom.xml'].each {
    assert new File(generated, it).bytes == new File(root, it).bytes : it + ' differs from the repository\'s'
}

def pom = new XmlSlurper().parse(new File(generated, 'pom.xml'))
def reactorVersion = new XmlSlurper().parse(new File(root, 'pom.xml')).version.text()
assert pom.packaging.text() == 'pom'
assert pom.version.text() == expectedVersion
assert pom.properties.'jackal.version'.text() == reactorVersion : 'the plugin version is the archetype\'s own'
def plugin = pom.build.plugins.plugin.find { it.artifactId.text() == 'jackal-maven-plugin' }
assert plugin.groupId.text() == 'dev.jackal' && plugin.version.text() == '${jackal.version}'
assert plugin.executions.execution.goals.goal*.text() == ['package']

def definition = new File(generated, 'jackal.yaml').text
assert definition.contains('name: ' + expectedName + '\n')
assert definition.contains('namespace: ' + expectedName + '\n')
assert !definition.contains('${') && !definition.contains('@project')

// the package: target/jackal-package-<name>-<arch>-<version>.tar.zst
def target = new File(generated, 'target')
def archives = (target.listFiles() ?: []).findAll {
    it.name ==~ /jackal-package-${expectedName}-[a-z0-9]+-${java.util.regex.Pattern.quote(expectedVersion)}\.tar\.zst/
}
assert archives.size() == 1 : 'one package in ' + target + ': ' + target.list()
def archive = archives[0]

def run = { List<String> command, File dir ->
    def process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true).start()
    def out = process.inputStream.getText('UTF-8')
    assert process.waitFor() == 0 : command.join(' ') + ' failed: ' + out
    return out
}
def jar = new File(root, 'jackal-deployer/target/jackal-deployer.jar')
assert jar.isFile() : 'the deployer jar is built before the archetype: ' + jar
def inspected = run(['java', '-jar', jar.path, 'package', 'inspect', archive.path, '--no-progress', '-l', 'warn'], generated)
def has = { String key, String value ->
    (inspected =~ /(?m)^ +${key}: "?${java.util.regex.Pattern.quote(value)}"?$/).find()
}
assert has('name', expectedName) : 'metadata.name: ' + inspected
assert has('version', expectedVersion) : 'metadata.version comes from the POM: ' + inspected
assert has('namespace', expectedName) : inspected

// the manifest and the file are in the package as written
def unpacked = new File(target, 'unpacked')
unpacked.deleteDir()
unpacked.mkdirs()
run(['tar', '--zstd', '-xf', archive.path, '-C', unpacked.path], generated)
run(['tar', '-xf', 'components/config.tar'], unpacked)
assert new File(unpacked, 'config/manifests/config-0.yaml').bytes == new File(generated, 'manifests/configmap.yaml').bytes
assert new File(unpacked, 'config/files/0/greeting.txt').bytes == new File(generated, 'files/greeting.txt').bytes
return true
