package io.ranchersg.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a {@link Scanner} found: one entry per target, in the order the targets were given, each
 * with the groups it checked, the groups it could not check, and why the target as a whole could
 * not be read when it could not.
 *
 * @param entries      one per target
 * @param listingCalls EC2 calls made to choose the targets (DescribeRegions), by operation
 */
public record ScanResult(List<Entry> entries, Map<String, Integer> listingCalls) {

    public ScanResult {
        entries = List.copyOf(entries);
        listingCalls = Collections.unmodifiableMap(new TreeMap<>(listingCalls));
    }

    /**
     * One target's part of the scan.
     *
     * @param target    where
     * @param outcomes  the groups checked
     * @param unchecked the groups found but not checked, each with its reason
     * @param apiCalls  the EC2 calls made there, by operation
     * @param failure   why the target could not be read at all, or {@code null}; then
     *                  {@code outcomes} and {@code unchecked} are empty
     */
    public record Entry(ScanTarget target, List<Outcome> outcomes, List<GroupCheck.Unchecked> unchecked,
                        Map<String, Integer> apiCalls, RuntimeException failure) {

        public Entry {
            Objects.requireNonNull(target, "target");
            outcomes = List.copyOf(outcomes);
            unchecked = List.copyOf(unchecked);
            apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
            if (failure != null && !(outcomes.isEmpty() && unchecked.isEmpty())) {
                throw new IllegalArgumentException("a failed target has no groups: " + target);
            }
        }

        /** Why the target could not be read, if it could not. */
        public Optional<RuntimeException> failed() {
            return Optional.ofNullable(failure);
        }

        /** Whether the target was read and every group in it checked. */
        public boolean complete() {
            return failure == null && unchecked.isEmpty();
        }
    }

    /** The targets, in order. */
    public List<ScanTarget> targets() {
        return entries.stream().map(Entry::target).toList();
    }

    /** Every group checked, target by target. */
    public List<Outcome> outcomes() {
        List<Outcome> all = new ArrayList<>();
        entries.forEach(entry -> all.addAll(entry.outcomes()));
        return all;
    }

    /** Whether every target was read and every group found was checked. */
    public boolean complete() {
        return entries.stream().allMatch(Entry::complete);
    }

    /** Every EC2 call of the scan, by operation. */
    public Map<String, Integer> apiCalls() {
        Map<String, Integer> all = new TreeMap<>(listingCalls);
        entries.forEach(entry -> entry.apiCalls().forEach((operation, count) -> all.merge(operation, count,
                Integer::sum)));
        return all;
    }
}
