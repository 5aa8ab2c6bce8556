package io.ranchersg.core;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The findings a user has explicitly accepted, so that a write which would leave them in place
 * goes ahead: each value is a finding code ({@code world-open-etcd}) or a severity
 * ({@code critical}, accepting every finding of that severity).
 *
 * <p>By default nothing is accepted, and a {@linkplain Severity#CRITICAL critical} finding on a
 * rule the request asks for refuses the write.
 *
 * @param values finding codes and severity names, lower case
 */
public record AcceptedRisks(Set<String> values) {

    /** Nothing accepted. */
    public static final AcceptedRisks NONE = new AcceptedRisks(Set.of());

    /**
     * Checks every value and keeps them sorted.
     *
     * @throws IllegalArgumentException naming a value that is neither a finding code nor a severity
     */
    /**
     * Checks the components.
     *
     * @param values finding codes and severity names, lower case
     */
    public AcceptedRisks {
        TreeSet<String> checked = new TreeSet<>();
        for (String value : values) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            if (!Findings.CODES.contains(v) && !isSeverity(v)) {
                throw new IllegalArgumentException("unknown risk '" + value + "': expected a finding code ("
                        + String.join(", ", Findings.CODES) + ") or a severity (low, medium, high, critical)");
            }
            checked.add(v);
        }
        values = Collections.unmodifiableSortedSet(checked);
    }

    /** The given codes and severities. */
    public static AcceptedRisks of(Collection<String> values) {
        return new AcceptedRisks(Set.copyOf(values));
    }

    /** Whether the user accepted this finding, by its code or its severity. */
    public boolean accepts(Finding finding) {
        return values.contains(finding.code()) || values.contains(finding.severity().jsonName());
    }

    /**
     * The critical findings of {@code requested} that are not accepted: what refuses a write.
     * Only rules the request asks for are judged; a rule someone added by hand is reported, but never
     * blocks a repair.
     */
    public List<Finding> refused(Collection<Rule> requested) {
        return refused(requested, PrefixLists.NONE);
    }

    /** As {@link #refused(Collection)}, judging the prefix lists that were read by their blocks. */
    public List<Finding> refused(Collection<Rule> requested, PrefixLists lists) {
        return Findings.of(requested, lists).stream()
                .filter(f -> f.severity() == Severity.CRITICAL && !accepts(f))
                .toList();
    }

    private static boolean isSeverity(String value) {
        for (Severity s : Severity.values()) {
            if (s.jsonName().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
