package dev.jackal.core.archive;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A new, empty hidden file next to a target, to be written and then moved over the target. Unlike
 * {@link Files#createTempFile}, it gets the process's default permissions, so the final file does too.
 */
final class TempSibling {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TempSibling() {}

    static Path create(Path target, String suffix) throws IOException {
        Path absolute = target.toAbsolutePath();
        for (int attempt = 0; ; attempt++) {
            byte[] token = new byte[6];
            RANDOM.nextBytes(token);
            Path candidate = absolute.resolveSibling(
                    "." + absolute.getFileName() + "." + HexFormat.of().formatHex(token) + suffix);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }
}
