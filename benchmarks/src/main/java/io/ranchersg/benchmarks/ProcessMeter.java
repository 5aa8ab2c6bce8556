package io.ranchersg.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a process to its end and measures it: wall time here (monotonic clock, from start to exit),
 * CPU time (user + system) and peak resident memory either from GNU time, which reads them from the
 * kernel's accounting when the process ends, or, where GNU time is missing, by polling
 * {@code /proc/<pid>} until it ends, which misses the last few milliseconds.
 */
final class ProcessMeter {

    /** Where CPU time and peak memory come from. */
    enum Method {
        GNU_TIME("GNU time (`/usr/bin/time -f '%e %U %S %M'`): CPU time and peak RSS from the kernel's accounting"
                + " of the ended process"),
        PROC_POLLING("polling `/proc/<pid>/stat` (utime + stime) and `/proc/<pid>/status` (VmHWM) every 2 ms until"
                + " the process ends: CPU time and peak RSS of its last few milliseconds are missed");

        private final String description;

        Method(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /**
     * One ended process.
     *
     * @param wallSeconds   from start to exit, measured here
     * @param cpuSeconds    user + system time
     * @param peakRssKib    peak resident set size
     * @param exitCode      the exit code
     * @param stdout        what it printed
     * @param stderr        what it printed on stderr
     */
    record Run(double wallSeconds, double cpuSeconds, long peakRssKib, int exitCode, String stdout, String stderr) {
    }

    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    /** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux distribution's kernel build. */
    private static final double CLOCK_TICKS = 100.0;

    private final Method method;
    private final Path scratch;

    private ProcessMeter(Method method, Path scratch) {
        this.method = method;
        this.scratch = scratch;
    }

    /** GNU time when it is installed, else /proc polling; {@code scratch} holds output files. */
    static ProcessMeter detect(Path scratch) {
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProcessMeter(gnuTimeWorks() ? Method.GNU_TIME : Method.PROC_POLLING, scratch);
    }

    Method method() {
        return method;
    }

    /**
     * Runs {@code command} in {@code dir} with {@code env} added to this process's environment, from
     * which JVM options and AWS settings are removed first.
     */
    Run run(Path dir, Map<String, String> env, List<String> command) {
        try {
            Path out = scratch.resolve("stdout");
            Path err = scratch.resolve("stderr");
            Path times = scratch.resolve("times");
            Files.deleteIfExists(times);
            List<String> full = new ArrayList<>();
            if (method == Method.GNU_TIME) {
                full.addAll(List.of(GNU_TIME.toString(), "-f", "%e %U %S %M", "-o", times.toString()));
            }
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().keySet().removeIf(ProcessMeter::skews);
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            long[] polled = method == Method.PROC_POLLING ? poll(process) : null;
            int exit = process.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (method == Method.PROC_POLLING) {
                return new Run(wall, polled[0] / CLOCK_TICKS, polled[1], exit, stdout, stderr);
            }
            // GNU time writes "Command exited with non-zero status N" before the figures when N != 0.
            List<String> lines = Files.readAllLines(times, StandardCharsets.UTF_8);
            String[] fields = lines.get(lines.size() - 1).strip().split("\\s+");
            double cpu = Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]);
            return new Run(wall, cpu, Long.parseLong(fields[3]), exit, stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + command, e);
        }
    }

    /** CPU ticks and peak RSS (KiB) of the process, as last seen before it ended. */
    private static long[] poll(Process process) throws InterruptedException {
        long ticks = 0;
        long peak = 0;
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (process.isAlive()) {
            try {
                String s = Files.readString(stat);
                // Fields after the command name, which is in parentheses and may hold spaces.
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The process ended between the check and the read: keep the last figures.
            }
            Thread.sleep(2);
        }
        return new long[] {ticks, peak};
    }

    /** Variables of the caller's environment that would change what is measured: JVM options, other endpoints. */
    private static boolean skews(String variable) {
        return variable.startsWith("RANCHER_SG_") || variable.equals("JAVA_TOOL_OPTIONS")
                || variable.equals("JDK_JAVA_OPTIONS") || variable.equals("_JAVA_OPTIONS")
                || variable.startsWith("AWS_");
    }

    private static boolean gnuTimeWorks() {
        if (!Files.isExecutable(GNU_TIME)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(GNU_TIME.toString(), "-f", "%M", "true")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && output.matches("\\d+");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
