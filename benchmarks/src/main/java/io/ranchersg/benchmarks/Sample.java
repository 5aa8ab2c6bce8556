package io.ranchersg.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Repeated measurements of one quantity, sorted. Percentiles use the nearest rank, so that every
 * figure reported is one that was actually measured.
 *
 * @param values the measurements, in ascending order
 */
record Sample(List<Double> values) {

    Sample {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a sample needs at least one value");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        values = List.copyOf(sorted);
    }

    static Sample of(List<Double> values) {
        return new Sample(values);
    }

    /** The median; the lower middle value for an even count (a value that was measured). */
    double median() {
        return percentile(50);
    }

    double min() {
        return values.get(0);
    }

    double max() {
        return values.get(values.size() - 1);
    }

    int size() {
        return values.size();
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p}% of the values at or below it. */
    double percentile(int p) {
        if (p < 1 || p > 100) {
            throw new IllegalArgumentException("percentile must be 1 to 100, not " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return values.get(Math.max(rank, 1) - 1);
    }
}
