package dev.jackal.test.node;

import dev.jackal.test.TestServiceException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running node changed on the host, on disk outside the build directory, written before each change:
 * the processes it started (PID and start time, so a reused PID is never taken for one of ours), its
 * runtime directory (mounts), and the sysctls as they were. A JVM that dies without stopping its node leaves
 * this file behind, and the next start undoes what it lists.
 */
final class RunRecord {

    /** A process this run started. */
    record Started(String name, long pid, long startMillis) {

        /** The process, if it is still the one we started. */
        Optional<ProcessHandle> ifStillOurs() {
            return ProcessHandle.of(pid).filter(p -> p.info()
                    .startInstant()
                    .map(start -> start.toEpochMilli() == startMillis)
                    .orElse(false));
        }
    }

    private final Path file;
    private final Path runtimeDir;
    private final Map<String, String> sysctls;
    private final List<String> absentPaths;
    private final List<String> tables;
    private final List<Started> processes;

    private RunRecord(
            Path file,
            Path runtimeDir,
            Map<String, String> sysctls,
            List<String> absentPaths,
            List<String> tables,
            List<Started> processes) {
        this.file = file;
        this.runtimeDir = runtimeDir;
        this.sysctls = sysctls;
        this.absentPaths = absentPaths;
        this.tables = tables;
        this.processes = processes;
    }

    /**
     * A new record, written at once.
     *
     * @param absentPaths host directories the node may create that do not exist yet (removed afterwards)
     * @param tables the nftables tables that exist now, as {@code "ip filter"}; null if unknown, which keeps
     *     every table
     */
    static RunRecord create(
            Path file, Path runtimeDir, Map<String, String> sysctls, List<String> absentPaths, List<String> tables) {
        RunRecord record = new RunRecord(
                file,
                runtimeDir,
                new LinkedHashMap<>(sysctls),
                List.copyOf(absentPaths),
                tables == null ? null : List.copyOf(tables),
                new ArrayList<>());
        record.save();
        return record;
    }

    /** The record a previous run left, if any. */
    static Optional<RunRecord> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(new RunRecord(file, null, Map.of(), List.of(), null, List.of()));
        }
        Map<String, String> sysctls = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        List<String> tables = properties.containsKey("tables") ? new ArrayList<>() : null;
        List<Started> processes = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (key.startsWith("absent.")) {
                absent.add(value);
            } else if (key.startsWith("table.") && tables != null) {
                tables.add(value);
            } else if (key.startsWith("sysctl.")) {
                sysctls.put(key.substring("sysctl.".length()), value);
            } else if (key.startsWith("process.")) {
                String[] parts = value.split(" ");
                if (parts.length == 3) {
                    try {
                        processes.add(new Started(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
                    } catch (NumberFormatException ignored) {
                        // a damaged line: nothing to stop
                    }
                }
            }
        }
        processes.sort((a, b) -> Long.compare(a.startMillis(), b.startMillis()));
        String runtime = properties.getProperty("runtimeDir");
        return Optional.of(
                new RunRecord(file, runtime == null ? null : Path.of(runtime), sysctls, absent, tables, processes));
    }

    /** Adds a started process and saves. */
    synchronized void started(String name, ProcessHandle process) {
        long start = process.info()
                .startInstant()
                .map(java.time.Instant::toEpochMilli)
                .orElse(0L);
        processes.add(new Started(name, process.pid(), start));
        save();
    }

    /** Every process this run started, newest first. */
    synchronized List<Started> processesNewestFirst() {
        List<Started> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /** The runtime directory (containerd and kubelet state, the mounts), or null if unknown. */
    Path runtimeDir() {
        return runtimeDir;
    }

    Map<String, String> sysctls() {
        return sysctls;
    }

    /** Host directories that did not exist before the node started. */
    List<String> absentPaths() {
        return absentPaths;
    }

    /** The nftables tables before the node started, or null if unknown. */
    List<String> tables() {
        return tables;
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new TestServiceException(RealNode.SERVICE, "cannot delete " + file, e);
        }
    }

    private void save() {
        Properties properties = new Properties();
        if (runtimeDir != null) {
            properties.setProperty("runtimeDir", runtimeDir.toString());
        }
        sysctls.forEach((k, v) -> properties.setProperty("sysctl." + k, v));
        for (int i = 0; i < absentPaths.size(); i++) {
            properties.setProperty("absent." + i, absentPaths.get(i));
        }
        if (tables != null) {
            properties.setProperty("tables", Integer.toString(tables.size()));
            for (int i = 0; i < tables.size(); i++) {
                properties.setProperty("table." + i, tables.get(i));
            }
        }
        for (int i = 0; i < processes.size(); i++) {
            Started p = processes.get(i);
            properties.setProperty("process." + i, p.name() + " " + p.pid() + " " + p.startMillis());
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp)) {
            properties.store(out, "jackal real node: what to undo if this run does not stop its node");
        } catch (IOException e) {
            throw new TestServiceException(RealNode.SERVICE, "cannot write " + temp, e);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TestServiceException(RealNode.SERVICE, "cannot write " + file, e);
        }
    }
}
