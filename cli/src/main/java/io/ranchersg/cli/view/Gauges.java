package io.ranchersg.cli.view;

import java.util.List;
import java.util.Objects;

/**
 * One gauge family with its samples, as a check reports it: the textfile writes it
 * ({@link Prometheus}) and serve's {@code /metrics} exposes it, from the same families and the same
 * samples, so that a series cannot be named or labelled one way in a file and another on a scrape.
 *
 * @param family  what the gauge is
 * @param samples its samples, each with a value for every label of the family
 */
public record Gauges(Family family, List<Sample> samples) {

    /** The samples, each with as many label values as the family has labels. */
    public Gauges {
        Objects.requireNonNull(family, "family");
        samples = List.copyOf(samples);
        for (Sample sample : samples) {
            if (sample.labelValues().size() != family.labelNames().size()) {
                throw new IllegalArgumentException(family.name() + ": " + sample.labelValues().size()
                        + " label values for labels " + family.labelNames());
            }
        }
    }

    /**
     * A gauge family: its name, help text and label names.
     *
     * @param name       the series' name, such as {@code rancher_sg_group_in_sync}
     * @param help       its help text
     * @param labelNames its labels, in order
     * @param seconds    whether the value is a time in seconds (written with milliseconds), else a count
     */
    public record Family(String name, String help, List<String> labelNames, boolean seconds) {

        /** The label names, copied. */
        public Family {
            labelNames = List.copyOf(labelNames);
        }

        /** {@return this family with more labels after its own} */
        Family with(List<String> more) {
            return new Family(name, help, java.util.stream.Stream.concat(labelNames.stream(), more.stream()).toList(),
                    seconds);
        }
    }

    /**
     * One sample.
     *
     * @param labelValues a value for each label of the family, in its order ("" for none)
     * @param value       the value
     */
    public record Sample(List<String> labelValues, double value) {

        /** Label values, copied; a {@code null} one becomes "", as both formats write an unknown value. */
        public Sample {
            labelValues = labelValues.stream().map(v -> v == null ? "" : v).toList();
        }
    }
}
