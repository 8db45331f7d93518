// The package carries the image Jib built in this reactor: the manifest digest of jib-image.digest, the blobs byte
// for byte, named by the reference Jib gave it; skopeo (an independent OCI client) reads it from the package.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// invocation 1 (Jib tagged 2.0.0): refused in one line that names the tar, the reference and what jackal.yaml lists
assert log.contains('on project jib-package: the image archive ' + new File(basedir, 'app/target/jib-image.tar').canonicalPath
        + ' holds registry.invalid/acme/jib-app:2.0.0, which no component lists under images: add'
        + ' registry.invalid/acme/jib-app:2.0.0 to a component\'s images in jackal.yaml (it lists'
        + ' registry.invalid/acme/jib-app:1.0.0) -> [Help 1]') : log
// invocation 2
assert log.contains('BUILD SUCCESS') : log

def digest = new File(basedir, 'app/target/jib-image.digest').text.trim()
assert digest ==~ /sha256:[0-9a-f]{64}/ : digest
def archive = new File(basedir, 'package/target/jackal-package-jib-image-amd64-1.0.0.tar.zst')
assert archive.isFile() : log

def unpacked = new File(basedir, 'package/target/unpacked')
unpacked.mkdirs()
def untar = ['tar', '--zstd', '-xf', archive.path, '-C', unpacked.path].execute()
def untarErr = new StringBuilder()
untar.waitForProcessOutput(new StringBuilder(), untarErr)
assert untar.exitValue() == 0 : untarErr

def images = new File(unpacked, 'images')
def index = new JsonSlurper().parse(new File(images, 'index.json'))
def entry = index.manifests.find { it.annotations?.'org.opencontainers.image.ref.name' == 'registry.invalid/acme/jib-app:1.0.0' }
assert entry != null : index
assert entry.digest == digest : "package " + entry.digest + " != jib-image.digest " + digest

// every blob of Jib's tar is in the package with the same bytes
def jibTar = new File(basedir, 'app/target/jib-image.tar')
def fromJib = new File(basedir, 'package/target/jib-tar')
fromJib.mkdirs()
def untarJib = ['tar', '-xf', jibTar.path, '-C', fromJib.path].execute()
untarJib.waitForProcessOutput(new StringBuilder(), new StringBuilder())
assert untarJib.exitValue() == 0
def jibBlobs = new File(fromJib, 'blobs/sha256').listFiles()
assert jibBlobs.length >= 3 : jibBlobs
jibBlobs.each { blob ->
    def copy = new File(images, 'blobs/sha256/' + blob.name)
    assert copy.isFile() : 'missing blob ' + blob.name
    assert copy.bytes == blob.bytes : 'blob ' + blob.name + ' differs'
}

def skopeo = ['skopeo', 'inspect', 'oci:' + images.path + ':registry.invalid/acme/jib-app:1.0.0'].execute()
def out = new StringBuilder(), err = new StringBuilder()
skopeo.waitForProcessOutput(out, err)
assert skopeo.exitValue() == 0 : err
assert new JsonSlurper().parseText(out.toString()).Digest == digest : out
return true
