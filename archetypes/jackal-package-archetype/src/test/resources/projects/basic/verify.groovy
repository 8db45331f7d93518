// archetype:integration-test: generated with the archetype just built (artifactId Hello_Package, so packageName
// takes its default, the artifactId made a Kubernetes name), then `mvn package` by the Maven running this build.
def projectDir = context.get('projectDir')
def module = projectDir.canonicalFile
while (!new File(module, 'src/it/check-generated-project.groovy').isFile()) {
    module = module.parentFile
}
binding.setVariable('generated', projectDir)
binding.setVariable('expectedName', 'hello-package')
binding.setVariable('expectedVersion', '1.0.0')
return evaluate(new File(module, 'src/it/check-generated-project.groovy'))
