package io.ranchersg.cli.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The check of one group or of a stack's groups: gauges and verdict come from the outcomes alone. */
final class CheckedGroups extends Forms implements CheckView {

    private final List<Outcome> outcomes;

    CheckedGroups(List<Outcome> outcomes, Supplier<ObjectNode> document, Function<Style, String> text) {
        super(document, text);
        this.outcomes = List.copyOf(outcomes);
    }

    @Override
    public String prometheus(Instant at, Prometheus.RunLabels labels) {
        return Prometheus.report(outcomes, at, labels);
    }

    @Override
    public List<Outcome> outcomes() {
        return outcomes;
    }

    @Override
    public boolean inSync() {
        return outcomes.stream().allMatch(Outcome::inSync);
    }
}
