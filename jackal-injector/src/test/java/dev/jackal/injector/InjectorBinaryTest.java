package dev.jackal.injector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InjectorBinaryTest {

    private static final int PT_INTERP = 3;
    private static final int PT_DYNAMIC = 2;

    @Test
    void amd64BinaryFitsAConfigMap() throws IOException {
        byte[] elf = read(InjectorBinary.forArch("amd64"));
        assertTrue(elf.length > 0);
        assertTrue(elf.length <= InjectorBinary.MAX_BYTES, "injector is " + elf.length + " bytes");
    }

    @Test
    void amd64BinaryIsAStaticX8664Executable() throws IOException {
        ByteBuffer elf = ByteBuffer.wrap(read(InjectorBinary.forArch("amd64"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x7f, elf.get(0));
        assertEquals("ELF", new String(new byte[] {elf.get(1), elf.get(2), elf.get(3)}, StandardCharsets.US_ASCII));
        assertEquals(2, elf.get(4), "not a 64-bit ELF");
        assertEquals(2, elf.getShort(16), "not an executable (ET_EXEC)");
        assertEquals(62, elf.getShort(18), "not x86_64 (EM_X86_64)");
        long phoff = elf.getLong(32);
        int phentsize = Short.toUnsignedInt(elf.getShort(54));
        int phnum = Short.toUnsignedInt(elf.getShort(56));
        assertTrue(phnum > 0);
        for (int i = 0; i < phnum; i++) {
            int type = elf.getInt((int) (phoff + (long) i * phentsize));
            assertFalse(type == PT_INTERP, "the binary asks for a dynamic loader (PT_INTERP)");
            assertFalse(type == PT_DYNAMIC, "the binary has a dynamic section (PT_DYNAMIC)");
        }
    }

    @Test
    void writtenBinaryRunsAndPrintsItsVersion(@TempDir Path dir) throws Exception {
        Path exe = InjectorBinary.forArch("amd64").writeTo(dir.resolve("jackal-injector"));
        Process process = new ProcessBuilder(exe.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.matches("jackal-injector \\d+\\.\\d+\\.\\d+\\s*"), output);
    }

    @Test
    void aWrongArgumentCountPrintsTheUsageAndExits2(@TempDir Path dir) throws Exception {
        Path exe = InjectorBinary.forArch("amd64").writeTo(dir.resolve("jackal-injector"));
        for (List<String> args : List.of(List.<String>of(), List.of("a", "b", "c"), List.of("not-a-sha256"))) {
            List<String> command = new ArrayList<>(List.of(exe.toString()));
            command.addAll(args);
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, process.exitValue(), args.toString());
            assertTrue(stderr.contains("usage: jackal-injector <sha256-of-payload> [bind-address"), stderr);
        }
    }

    @Test
    void unknownArchitectureIsRefusedWithTheArch() {
        InjectorBinary.UnsupportedPlatformException e =
                assertThrows(InjectorBinary.UnsupportedPlatformException.class, () -> InjectorBinary.forArch("s390x"));
        assertEquals("s390x", e.arch());
        assertTrue(e.getMessage().contains("s390x"));
    }

    private static byte[] read(InjectorBinary binary) throws IOException {
        try (InputStream in = binary.open()) {
            return in.readAllBytes();
        }
    }
}
