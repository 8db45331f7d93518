package dev.jackal.initpackage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The host's shared libraries that executables and libraries load, as {@code ldd} names them: the absolute paths,
 * the dynamic loader included. Libraries {@code ldd} cannot find are skipped (the JDK's own, found at run time
 * through their run path, are in the runtime image anyway).
 */
final class SharedLibraries {

    private SharedLibraries() {}

    /** The libraries {@code objects} need, by absolute path, sorted; those under {@code own} are left out. */
    static Set<String> of(List<Path> objects, Path own) throws IOException, InterruptedException {
        Set<String> libraries = new TreeSet<>();
        for (Path object : objects) {
            Process ldd = new ProcessBuilder("ldd", object.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ldd.waitFor(60, TimeUnit.SECONDS) || ldd.exitValue() != 0) {
                throw new IOException("ldd " + object + " failed: " + output.strip());
            }
            for (String library : parse(output)) {
                if (!Path.of(library).normalize().startsWith(own.normalize())) {
                    libraries.add(library);
                }
            }
        }
        return libraries;
    }

    /**
     * The absolute paths in {@code ldd} output: {@code name => /path (0x…)} and the loader's {@code /path (0x…)};
     * {@code linux-vdso.so.1} and {@code not found} lines are skipped.
     */
    static Set<String> parse(String lddOutput) {
        Set<String> paths = new TreeSet<>();
        for (String raw : lddOutput.split("\n")) {
            String line = raw.strip();
            int arrow = line.indexOf("=>");
            String candidate = arrow >= 0 ? line.substring(arrow + 2).strip() : line;
            int space = candidate.indexOf(' ');
            String path = space >= 0 ? candidate.substring(0, space) : candidate;
            if (path.startsWith("/") && Files.exists(Path.of(path))) {
                paths.add(path);
            }
        }
        return paths;
    }
}
