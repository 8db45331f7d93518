// Starts a docker-registry with htpasswd auth on a free loopback port (dev.jackal.test.registry.OciRegistry, from
// jackal-test-support's classes) for the producer's mvn deploy; verify.groovy stops it. Writes the producer's
// bulk.bin (3 MB of random bytes, so that it does not compress away) and points the deploy at target/maven-repo.
def root = new File(basedir, '../../../..').canonicalFile
def support = new File(root, 'jackal-test-support/target')
def entries = [new File(support, 'classes')] + new File(support, 'classpath.txt').text.trim()
        .split(File.pathSeparator).collect { new File(it) }
def loader = new URLClassLoader(entries.collect { it.toURI().toURL() } as URL[], getClass().classLoader)
def variants = loader.loadClass('dev.jackal.test.registry.OciRegistry$Variant')
def registry = loader.loadClass('dev.jackal.test.registry.OciRegistry').start(variants.AUTH)
context.put('acceptanceRegistry', registry)
context.put('acceptanceLoader', loader)

// what an earlier run left in the ITs' local repository: the consumer must get the BOM and skeleton from target/maven-repo
new File(basedir, '../../it-repo/dev/jackal/it/acceptance').deleteDir()

def bulk = new byte[3_000_000]
new Random(11).nextBytes(bulk)
new File(basedir, 'producer/bulk.bin').bytes = bulk

def userProperties = context.get('userProperties')
userProperties.put('jackal.publish.repository', 'oci://' + registry.address() + '/accept')
userProperties.put('jackal.it.registryPassword', registry.password().get())
// consumer/ is not a module, so the invoker does not filter its POM: it names the plugin by this property
userProperties.put('jackal.it.pluginVersion', projectVersion)
userProperties.put('altDeploymentRepository', 'acceptance-files::' + new File(basedir, 'target/maven-repo').toURI())
return true
