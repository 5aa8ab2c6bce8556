package io.ranchersg.aws;

import java.util.Objects;

/**
 * Where a scan reads: one region of one account. Results are keyed by it.
 *
 * @param accountId   the account's id, or {@code null} for the caller's own when it is not known
 * @param accountName the account's name in the accounts file, or {@code null}
 * @param region      the region's name, such as {@code eu-west-1}
 */
public record ScanTarget(String accountId, String accountName, String region) {

    /**
     * Checks the components.
     *
     * @param accountId the account's id, or {@code null} for the caller's own when it is not known
     * @param accountName the account's name in the accounts file, or {@code null}
     * @param region the region's name, such as {@code eu-west-1}
     */
    public ScanTarget {
        Objects.requireNonNull(region, "region");
    }

    /**
     * A region of the caller's own account.
     *
     * @param region the region's name, such as {@code eu-west-1}
     */
    public ScanTarget(String region) {
        this(null, null, region);
    }

    /** {@return {@code eu-west-1}, or {@code 123456789012/eu-west-1} in a named account} */
    @Override
    public String toString() {
        return accountId == null ? region : accountId + "/" + region;
    }
}
