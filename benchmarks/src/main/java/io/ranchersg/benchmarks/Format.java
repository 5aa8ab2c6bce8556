package io.ranchersg.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How figures read in the report: seconds with sensible precision, call counts by action. */
final class Format {

    private Format() {
    }

    /** {@code 0.84 s}, {@code 12.3 s}, {@code 145 s}. */
    static String seconds(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        return String.format(Locale.ROOT, seconds < 100 ? "%.1f s" : "%.0f s", seconds);
    }

    /** The median with the range: {@code 0.84 s (0.80–0.97)}. */
    static String secondsRange(Sample sample) {
        if (sample.size() == 1) {
            return seconds(sample.median());
        }
        return seconds(sample.median()) + " (" + bare(sample.min()) + "–" + bare(sample.max()) + ")";
    }

    /** The median with the range, in MiB: {@code 98 MiB (95–101)}. */
    static String mebibytesRange(Sample sample) {
        String median = String.format(Locale.ROOT, "%.0f MiB", sample.median());
        return sample.size() == 1 ? median
                : String.format(Locale.ROOT, "%s (%.0f–%.0f)", median, sample.min(), sample.max());
    }

    /** A ratio's median with the range: {@code 0.85× (0.80–0.97)}. */
    static String ratioRange(Sample sample) {
        String median = String.format(Locale.ROOT, "%.2f×", sample.median());
        return sample.size() == 1 ? median
                : String.format(Locale.ROOT, "%s (%.2f–%.2f)", median, sample.min(), sample.max());
    }

    /** {@code 4: DescribeVpcs, DescribeSecurityGroups ×2, ...}, in the order given. */
    static String calls(Map<String, Integer> calls) {
        if (calls.isEmpty()) {
            return "0";
        }
        int total = calls.values().stream().mapToInt(Integer::intValue).sum();
        return total + ": " + calls.entrySet().stream()
                .map(e -> e.getKey() + (e.getValue() == 1 ? "" : " ×" + e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String bare(double seconds) {
        return seconds(seconds).replace(" s", "");
    }
}
