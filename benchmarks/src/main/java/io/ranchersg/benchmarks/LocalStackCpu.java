package io.ranchersg.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by the emulator: every process in LocalStack's process group (it is started
 * in its own session), from {@code /proc/<pid>/stat}. Processes that end between two readings are
 * lost, which LocalStack's long-lived runtime does not do while it answers EC2.
 */
final class LocalStackCpu {

    private static final double CLOCK_TICKS = 100.0;

    private final long groupId;

    private LocalStackCpu(long groupId) {
        this.groupId = groupId;
    }

    /** For the process group led by {@code pid}; null when the pid is unknown or not readable. */
    static LocalStackCpu of(Long pid) {
        if (pid == null || !Files.isReadable(Path.of("/proc", pid.toString(), "stat"))) {
            return null;
        }
        return new LocalStackCpu(pid);
    }

    /** Seconds of user and system time of the group's live processes. */
    double seconds() {
        long ticks = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // After the name: state, ppid, pgrp, ...; utime and stime are fields 14 and 15 of the line.
                    if (Long.parseLong(f[2]) == groupId) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / CLOCK_TICKS;
    }
}
