package io.ranchersg.aws;

import java.util.Objects;

/**
 * Where a scan reads: one region. Results are keyed by it, so that a scan across accounts can add
 * the account here without changing how results are reported.
 *
 * @param region the region's name, such as {@code eu-west-1}
 */
public record ScanTarget(String region) {

    public ScanTarget {
        Objects.requireNonNull(region, "region");
    }

    @Override
    public String toString() {
        return region;
    }
}
