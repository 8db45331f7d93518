// archetype:integration-test: generated with the archetype just built, then `mvn package` by the Maven running this
// build. The artifactId Hello__Package. leaves packageName to its default, the artifactId made a Kubernetes name.
def projectDir = context.get('projectDir')
def module = projectDir.canonicalFile
while (!new File(module, 'src/it/check-generated-project.groovy').isFile()) {
    module = module.parentFile
}
binding.setVariable('generated', projectDir)
binding.setVariable('expectedName', 'hello-package')
binding.setVariable('expectedVersion', '1.0.0')
return evaluate(new File(module, 'src/it/check-generated-project.groovy'))
