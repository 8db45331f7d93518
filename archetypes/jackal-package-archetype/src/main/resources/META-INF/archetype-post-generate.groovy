// Runs after archetype:generate has written the project (archetype-metadata.xml lists its files).
// An archetype jar keeps no file modes, so ./mvnw gets its executable bit back here; `sh mvnw` works either way.
// Maven's default excludes would leave a .gitignore out of the archetype jar, so it travels as "gitignore".
import java.nio.file.Files
import java.nio.file.Paths
import java.nio.file.StandardCopyOption

def project = Paths.get(request.outputDirectory, request.artifactId)
def wrapper = project.resolve('mvnw').toFile()
if (!wrapper.setExecutable(true, false)) {
    println "[WARNING] could not make ${wrapper} executable: run the wrapper as `sh mvnw`"
}
def ignore = project.resolve('gitignore')
if (Files.exists(ignore)) {
    Files.move(ignore, project.resolve('.gitignore'), StandardCopyOption.REPLACE_EXISTING)
}
