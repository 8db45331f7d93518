// mvn jackal:package and the CLI build the same definition into packages with the same aggregate checksum.
// prebuild.groovy started the registry that serves the example's images; it is stopped at the end.
def registry = context.get('exampleRegistryAddress')
def registryProcess = context.get('exampleRegistry')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('BUILD SUCCESS')
    def archive = new File(basedir, 'target/jackal-package-composed-amd64-1.0.0.tar.zst')
    assert archive.isFile() : "-Djackal.architecture=amd64 applies to an execution without <architecture>: " + log
    // the definition's metadata.version (1.0.0) is kept, and the difference from the project's (1.0) is told
    assert log.contains('[WARNING] jackal: jackal.yaml says metadata.version 1.0.0 but the project\'s version is 1.0') : log
    // the core's "created …" line is the only one naming the archive (no duplicate from the mojo)
    assert log.count('jackal-package-composed-amd64-1.0.0.tar.zst (aggregate checksum') == 1 : log

    def root = new File(basedir, '../../../..').canonicalFile
    def jar = new File(root, 'jackal-deployer/target/jackal-deployer.jar')
    assert jar.isFile() : "the deployer jar is built before the plugin's integration tests: " + jar

    def run = { List<String> args ->
        def process = (['java', '-jar', jar.path] + args).execute()
        def out = new StringBuilder(), err = new StringBuilder()
        process.waitForProcessOutput(out, err)
        assert process.exitValue() == 0 : "jackal " + args + " failed: " + err
        return out.toString()
    }
    def cliDir = new File(basedir, 'target/cli')
    run(['package', 'create', new File(root, 'examples/composed').path, '--confirm', '-a', 'amd64', '-o', cliDir.path,
         '--no-progress', '-l', 'warn', '--plain-http', '--set', 'REGISTRY=' + registry])
    def aggregate = { File file ->
        def definition = run(['package', 'inspect', file.path, '--no-progress', '-l', 'warn'])
        def line = definition.readLines().find { it.trim().startsWith('aggregateChecksum:') }
        assert line != null : definition
        return line.split(':', 2)[1].trim().replace('"', '')
    }
    def fromMaven = aggregate(archive)
    def fromCli = aggregate(new File(cliDir, 'jackal-package-composed-amd64-1.0.0.tar.zst'))
    assert fromMaven == fromCli : "maven " + fromMaven + " != cli " + fromCli
    assert fromMaven ==~ /[0-9a-f]{64}/

    // a project without dependencies adds no dependency SBOM (that is why the checksums match)
    def sboms = new File(basedir, 'target/sboms')
    run(['package', 'inspect', archive.path, '--sbom-out', sboms.path, '--no-progress', '-l', 'warn'])
    assert new File(sboms, 'composed/jackal-component-base.json').isFile()
    assert !new File(sboms, 'composed/jackal-maven-package-example.json').exists()
    // jackal:inspect verified the package this build attached, logged its definition and wrote its SBOMs
    assert log.contains('[INFO] kind: JackalPackageConfig') : log
    assert log.contains('jackal: jackal-package-composed-amd64-1.0.0.tar.zst verified') : log
    assert new File(basedir, 'target/mvn-sboms/composed/jackal-component-base.json').isFile()
    // the images came through the imports into both packages
    assert log.contains('pulled ' + registry + '/jackal/hello:1.0') : log
    assert log.contains('pulled ' + registry + '/jackal/exporter:2.0') : log
} finally {
    registryProcess.outputStream.close()
    registryProcess.waitFor()
}
return true
