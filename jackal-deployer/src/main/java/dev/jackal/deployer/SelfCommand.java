package dev.jackal.deployer;

import java.nio.file.Path;

/** How actions call this jackal: {@code ./jackal } in a command becomes {@code java -jar <this jar> }. */
final class SelfCommand {

    private SelfCommand() {}

    static String get() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return jar().map(jar -> java + " -jar " + jar + " ").orElse("jackal ");
    }

    /** The jar (or classes directory) this jackal runs from, if it can be told. */
    static java.util.Optional<Path> jar() {
        try {
            return java.util.Optional.of(Path.of(SelfCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI()));
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }
}
