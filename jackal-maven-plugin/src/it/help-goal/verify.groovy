// The plugin ran from a real Maven build of this fixture project.
def log = new File(basedir, 'build.log').text
// Maven 3.9 names the plugin by its prefix in the goal's header line, 3.8 by its artifactId
assert log.contains('--- jackal:' + projectVersion + ':help (help) @ help-goal ---') ||
        log.contains('--- jackal-maven-plugin:' + projectVersion + ':help (help) @ help-goal ---') : log
// the count changes as goals are added; each goal is checked by name
assert log =~ /This plugin has \d+ goals:/
assert log.contains('jackal:go-offline')
assert log.contains('jackal:inspect')
assert log.contains('jackal:package')
assert log.contains('jackal:skeleton')
assert log.contains('jackal:help')
assert log.contains('jackal:version')
assert log.contains('jackal:publish')
assert log.contains('[INFO] jackal ' + projectVersion)
assert log.contains('BUILD SUCCESS')
return true
