// After invocation 2: the project Debian's Maven generated builds with Debian's Maven.
def log = new File(basedir, 'build.log').text
assert log.contains('Apache Maven 3.8.7') : 'invocations 1-2 run /usr/bin/mvn (Maven 3.8.7)'
binding.setVariable('generated', new File(basedir, 'debian-maven'))
binding.setVariable('expectedName', 'debian-maven')
binding.setVariable('expectedVersion', '1.0.0')
return evaluate(new File(basedir, '../../../src/it/check-generated-project.groovy'))
