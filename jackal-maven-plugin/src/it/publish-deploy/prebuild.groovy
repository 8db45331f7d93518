// Starts a docker-registry with htpasswd auth on a free loopback port (dev.jackal.test.registry.OciRegistry, from
// jackal-test-support's classes) for the three builds; verify.groovy stops it (and a shutdown hook, should it not run).
def root = new File(basedir, '../../../..').canonicalFile
def support = new File(root, 'jackal-test-support/target')
def entries = [new File(support, 'classes')] + new File(support, 'classpath.txt').text.trim()
        .split(File.pathSeparator).collect { new File(it) }
def loader = new URLClassLoader(entries.collect { it.toURI().toURL() } as URL[], getClass().classLoader)
def variants = loader.loadClass('dev.jackal.test.registry.OciRegistry$Variant')
def registry = loader.loadClass('dev.jackal.test.registry.OciRegistry').start(variants.AUTH)
context.put('publishRegistry', registry)
context.put('publishLoader', loader)
def userProperties = context.get('userProperties')
userProperties.put('jackal.publish.repository', 'oci://' + registry.address() + '/it')
userProperties.put('jackal.it.registryPassword', registry.password().get())
return true
