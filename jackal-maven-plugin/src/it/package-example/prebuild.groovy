// The composed example names images: serve them for this build and for verify.groovy from a throwaway
// docker-registry holding the fixture generator's images (dev.jackal.test.oci.ExampleRegistry, the same program
// examples/quickstart.sh runs). verify.groovy stops it by closing its standard input.
def root = new File(basedir, '../../../..').canonicalFile
def support = new File(root, 'jackal-test-support/target')
def classpath = new File(support, 'classes').path + File.pathSeparator + new File(support, 'classpath.txt').text.trim()
def work = new File(basedir, 'target/example-registry')
def process = ['java', '-cp', classpath, 'dev.jackal.test.oci.ExampleRegistry', work.path].execute()
def err = new StringBuffer()
process.consumeProcessErrorStream(err)
def line = new BufferedReader(new InputStreamReader(process.inputStream, 'UTF-8')).readLine()
assert line != null && line.startsWith('REGISTRY=') : "the example registry did not start: " + err
def registry = line.substring('REGISTRY='.length())
context.put('exampleRegistry', process)
context.put('exampleRegistryAddress', registry)
def userProperties = context.get('userProperties')
userProperties.put('jackal.set', 'REGISTRY=' + registry)
userProperties.put('jackal.plainHttp', 'true')
return true
