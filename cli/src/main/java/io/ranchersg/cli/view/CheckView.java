package io.ranchersg.cli.view;

import io.ranchersg.aws.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * A check's result: besides its document and text, the gauges of its Prometheus textfile, whether
 * every group it checked is in sync, and what it could not read.
 */
public interface CheckView extends View {

    /** The textfile of a check that ran at {@code at}, its run-level series labelled {@code labels}. */
    String prometheus(Instant at, Prometheus.RunLabels labels);

    /** The groups checked, for the findings of {@code --output asff}. */
    List<Outcome> outcomes();

    /** Whether every group checked exists and matches its profile. */
    boolean inSync();

    /**
     * What could not be read, one line each for stderr; the rest is still reported. Only a scan
     * reads part of what it was asked for: the other checks read everything or fail as a whole.
     */
    default List<String> errors() {
        return List.of();
    }
}
