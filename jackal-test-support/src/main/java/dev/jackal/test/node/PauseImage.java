package dev.jackal.test.node;

import dev.jackal.test.Exec;
import dev.jackal.test.TestServiceException;
import dev.jackal.test.oci.RunnableImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The pod sandbox image: a static {@code pause} compiled from this package's {@code pause.c} with gcc (no
 * registry can serve {@code registry.k8s.io/pause} here), as a one-file OCI layout.
 */
final class PauseImage {

    private PauseImage() {}

    /** Compiles {@code pause} into {@code dir} and writes the image's layout to {@code dir/layout}. */
    static Path build(NodeTools tools, Path dir) {
        Path source = dir.resolve("pause.c");
        Path binary = dir.resolve("pause");
        try (InputStream in = PauseImage.class.getResourceAsStream("pause.c")) {
            if (in == null) {
                throw new TestServiceException(RealNode.SERVICE, "pause.c is missing from the test-support jar");
            }
            Files.createDirectories(dir);
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TestServiceException(RealNode.SERVICE, "cannot write " + source, e);
        }
        Exec.run(List.of(tools.gcc().toString(), "-Os", "-static", "-s", "-o", binary.toString(), source.toString()))
                .requireSuccess();
        Path layout = dir.resolve("layout");
        RunnableImage.empty().file(binary, "/pause").cmd("/pause").writeLayout(layout, "1");
        return layout;
    }
}
