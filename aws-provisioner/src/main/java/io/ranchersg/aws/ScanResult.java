package io.ranchersg.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a {@link Scanner} found: one entry per account and region, in the order the accounts and
 * their regions were given, each with the groups it checked, the groups it could not check, and
 * why the region as a whole could not be read when it could not; and the accounts that could not
 * be reached at all (no role, no region list).
 *
 * @param entries        one per account and region scanned
 * @param failedAccounts accounts none of whose regions could be scanned, in the order given
 * @param listingCalls   calls made to reach the accounts and choose their regions (AssumeRole,
 *                       DescribeRegions), by operation
 */
public record ScanResult(List<Entry> entries, List<AccountFailure> failedAccounts,
                         Map<String, Integer> listingCalls) {

    /**
     * Checks the components.
     *
     * @param entries one per account and region scanned
     * @param failedAccounts accounts none of whose regions could be scanned, in the order given
     * @param listingCalls calls made to reach the accounts and choose their regions (AssumeRole,
     *     DescribeRegions), by operation
     */
    public ScanResult {
        entries = List.copyOf(entries);
        failedAccounts = List.copyOf(failedAccounts);
        listingCalls = Collections.unmodifiableMap(new TreeMap<>(listingCalls));
    }

    /**
     * A result in which every account could be reached.
     *
     * @param entries one per account and region scanned
     * @param listingCalls calls made to reach the accounts and choose their regions, by operation
     */
    public ScanResult(List<Entry> entries, Map<String, Integer> listingCalls) {
        this(entries, List.of(), listingCalls);
    }

    /**
     * One account and region's part of the scan.
     *
     * @param target    where
     * @param checked   the groups checked, each with who made it
     * @param unchecked the groups found but not checked, each with its reason
     * @param apiCalls  the EC2 calls made there, by operation
     * @param failure   why the region could not be read at all, or {@code null}; then {@code checked}
     *                  and {@code unchecked} are empty
     */
    public record Entry(ScanTarget target, List<GroupCheck.Checked> checked, List<GroupCheck.Unchecked> unchecked,
                        Map<String, Integer> apiCalls, RuntimeException failure) {

        /**
         * Checks the components.
         *
         * @param target where
         * @param checked the groups checked, each with who made it
         * @param unchecked the groups found but not checked, each with its reason
         * @param apiCalls the EC2 calls made there, by operation
         * @param failure why the region could not be read at all, or {@code null}; then {@code
         *     checked} and {@code unchecked} are empty
         */
        public Entry {
            Objects.requireNonNull(target, "target");
            checked = List.copyOf(checked);
            unchecked = List.copyOf(unchecked);
            apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
            if (failure != null && !(checked.isEmpty() && unchecked.isEmpty())) {
                throw new IllegalArgumentException("a failed target has no groups: " + target);
            }
        }

        /** {@return the outcomes of the groups checked, in order} */
        public List<Outcome> outcomes() {
            return checked.stream().map(GroupCheck.Checked::outcome).toList();
        }

        /** {@return why the target could not be read, if it could not} */
        public Optional<RuntimeException> failed() {
            return Optional.ofNullable(failure);
        }

        /** {@return whether the target was read and every group in it checked} */
        public boolean complete() {
            return failure == null && unchecked.isEmpty();
        }
    }

    /**
     * An account none of whose regions was scanned.
     *
     * @param account  the account
     * @param failure  why: its role could not be assumed, or its regions could not be listed
     * @param apiCalls the calls made on its behalf, by operation (also in {@link #listingCalls()})
     */
    public record AccountFailure(FleetAccount account, RuntimeException failure, Map<String, Integer> apiCalls) {
        /**
         * Checks the components.
         *
         * @param account the account
         * @param failure why: its role could not be assumed, or its regions could not be listed
         * @param apiCalls the calls made on its behalf, by operation (also in {@link #listingCalls()})
         */
        public AccountFailure {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(failure, "failure");
            apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
        }
    }

    /** {@return the targets, in order} */
    public List<ScanTarget> targets() {
        return entries.stream().map(Entry::target).toList();
    }

    /** {@return every group checked, target by target} */
    public List<Outcome> outcomes() {
        List<Outcome> all = new ArrayList<>();
        entries.forEach(entry -> all.addAll(entry.outcomes()));
        return all;
    }

    /** {@return every group checked with who made it, target by target} */
    public List<GroupCheck.Checked> checked() {
        List<GroupCheck.Checked> all = new ArrayList<>();
        entries.forEach(entry -> all.addAll(entry.checked()));
        return all;
    }

    /** {@return whether every account was reached, every target read and every group found checked} */
    public boolean complete() {
        return failedAccounts.isEmpty() && entries.stream().allMatch(Entry::complete);
    }

    /** {@return every call of the scan, EC2's and STS's, by operation} */
    public Map<String, Integer> apiCalls() {
        Map<String, Integer> all = new TreeMap<>(listingCalls);
        entries.forEach(entry -> entry.apiCalls().forEach((operation, count) -> all.merge(operation, count,
                Integer::sum)));
        return all;
    }
}
