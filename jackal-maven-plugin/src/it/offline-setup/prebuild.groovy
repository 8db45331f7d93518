// Starts the sources of jackal.yaml: a throwaway docker-registry with the example images (ExampleRegistry, as in
// package-example) and a JDK HTTP server with one file, and writes jackal.yaml from jackal.yaml.in with their
// addresses (a definition cannot template a URL: it is checked before templates apply). The 'offline' IT copies
// that jackal.yaml and reads the addresses from ../offline-sources.properties; verify.groovy stops both.
import com.sun.net.httpserver.HttpServer

def root = new File(basedir, '../../../..').canonicalFile
def support = new File(root, 'jackal-test-support/target')
def classpath = new File(support, 'classes').path + File.pathSeparator + new File(support, 'classpath.txt').text.trim()
def process = ['java', '-cp', classpath, 'dev.jackal.test.oci.ExampleRegistry',
               new File(basedir, 'target/example-registry').path].execute()
def err = new StringBuffer()
process.consumeProcessErrorStream(err)
def line = new BufferedReader(new InputStreamReader(process.inputStream, 'UTF-8')).readLine()
assert line != null && line.startsWith('REGISTRY=') : "the example registry did not start: " + err
def registry = line.substring('REGISTRY='.length())

def http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
def requests = Collections.synchronizedList([])
http.createContext('/') { exchange ->
    requests.add(exchange.requestURI.path)
    byte[] body = 'served over HTTP\n'.getBytes('UTF-8')
    if (exchange.requestURI.path == '/notice.txt') {
        exchange.sendResponseHeaders(200, body.length)
        exchange.responseBody.withCloseable { it.write(body) }
    } else {
        exchange.sendResponseHeaders(404, -1)
        exchange.close()
    }
}
http.start()
def web = '127.0.0.1:' + http.address.port

context.put('offlineRegistry', process)
context.put('offlineHttp', http)
context.put('offlineRequests', requests)
def sources = new Properties()
sources.setProperty('REGISTRY', registry)
sources.setProperty('WEB', web)
new File(basedir, '../offline-sources.properties').withOutputStream { sources.store(it, 'offline-setup') }
new File(basedir, 'jackal.yaml').text =
        new File(basedir, 'jackal.yaml.in').text.replace('@REGISTRY@', registry).replace('@WEB@', web)
return true
