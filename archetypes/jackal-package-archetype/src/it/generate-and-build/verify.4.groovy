// After invocation 4: the generated project's own ./mvnw ran the Maven its wrapper pins, and the build passed.
def pinned = new File(basedir, 'wrapper-maven/.mvn/wrapper/maven-wrapper.properties').readLines()
        .find { it.startsWith('mavenVersion=') }.substring('mavenVersion='.length())
def log = new File(basedir, 'build.log').text
// invocations 1-3 are Maven 3.8.7, so only the wrapper can have printed this
assert log.contains('Apache Maven ' + pinned) : 'invocation 4 runs ./mvnw (Maven ' + pinned + ')'
binding.setVariable('generated', new File(basedir, 'wrapper-maven'))
binding.setVariable('expectedName', 'wrapped')
binding.setVariable('expectedVersion', '2.1.0')
return evaluate(new File(basedir, '../../../src/it/check-generated-project.groovy'))
