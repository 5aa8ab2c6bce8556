package io.ranchersg.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How figures read in the report: seconds with sensible precision, MiB, call counts by action. */
final class Format {

    private Format() {
    }

    /** {@code 0.84 s}, {@code 12.3 s}, {@code 145 s}. */
    static String seconds(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        if (seconds < 100) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return String.format(Locale.ROOT, "%.0f s", seconds);
    }

    /** Milliseconds for in-process timings: {@code 38 ms}, {@code 4.2 ms}. */
    static String millis(double seconds) {
        double ms = seconds * 1000;
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    /** The median with the range: {@code 0.84 s (0.80–0.97)}. */
    static String secondsRange(Sample sample) {
        if (sample.size() == 1) {
            return seconds(sample.median());
        }
        return seconds(sample.median()) + " (" + bare(sample.min()) + "–" + bare(sample.max()) + ")";
    }

    /** Median, p90 and range of a wall-time sample. */
    static String secondsWithP90(Sample sample) {
        return seconds(sample.median()) + ", p90 " + seconds(sample.p90()) + " (" + bare(sample.min()) + "–"
                + bare(sample.max()) + ")";
    }

    /** Mebibytes from kibibytes: {@code 123 MiB}. */
    static String mebibytes(double kibibytes) {
        return String.format(Locale.ROOT, "%.0f MiB", kibibytes / 1024);
    }

    /** The median peak memory with its range. */
    static String mebibytesRange(Sample kibibytes) {
        if (kibibytes.size() == 1) {
            return mebibytes(kibibytes.median());
        }
        return mebibytes(kibibytes.median()) + String.format(Locale.ROOT, " (%.0f–%.0f)", kibibytes.min() / 1024,
                kibibytes.max() / 1024);
    }

    /** A share as a whole percentage. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    /** {@code 4: DescribeVpcs 1, DescribeSecurityGroups 1, ...}, in the order given. */
    static String calls(Map<String, Integer> calls) {
        int total = calls.values().stream().mapToInt(Integer::intValue).sum();
        if (calls.isEmpty()) {
            return "0";
        }
        return total + ": " + calls.entrySet().stream()
                .map(e -> e.getKey() + (e.getValue() == 1 ? "" : " ×" + e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String bare(double seconds) {
        return seconds(seconds).replace(" s", "");
    }
}
