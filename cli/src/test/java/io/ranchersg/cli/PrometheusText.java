package io.ranchersg.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (version 0.0.4), as a scraper reads it: every line
 * a HELP, a TYPE or a sample; every sample of a family whose TYPE came first; label values quoted
 * and escaped; values numbers; no series twice. Anything else throws, naming the line.
 */
final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    /**
     * One sample.
     *
     * @param name   the series' name, such as {@code rancher_sg_events_total}
     * @param labels its labels
     * @param value  its value
     */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    static List<Sample> parse(String text) {
        Map<String, String> types = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("second TYPE of " + m.group(1) + ": " + line);
                }
                continue;
            }
            if (HELP.matcher(line).matches()) {
                continue;
            }
            m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample: " + line);
            }
            String name = m.group(1);
            String family = family(name, types);
            if (family == null) {
                throw new IllegalArgumentException("a sample without a TYPE before it: " + line);
            }
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                Matcher l = LABEL.matcher(m.group(3));
                int at = 0;
                while (at < m.group(3).length()) {
                    if (!l.find(at) || l.start() != at) {
                        throw new IllegalArgumentException("bad labels: " + line);
                    }
                    labels.put(l.group(1), l.group(2).replace("\\n", "\n").replace("\\\"", "\"")
                            .replace("\\\\", "\\"));
                    at = l.end();
                }
            }
            double value = switch (m.group(4)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(m.group(4));
            };
            if (!seen.add(name + new java.util.TreeMap<>(labels))) {
                throw new IllegalArgumentException("a series twice: " + line);
            }
            samples.add(new Sample(name, labels, value));
        }
        return samples;
    }

    /** The family a sample belongs to: its own name, or a counter's or histogram's without the suffix. */
    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_total", "_created", "_bucket", "_count", "_sum")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }
}
