package dev.jackal.deployer;

import java.nio.file.Path;

/** How actions call this jackal: {@code ./jackal } in a command becomes {@code java -jar <this jar> }. */
final class SelfCommand {

    private SelfCommand() {}

    static String get() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Path jar = Path.of(SelfCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return java + " -jar " + jar + " ";
        } catch (java.net.URISyntaxException | SecurityException e) {
            return "jackal ";
        }
    }
}
