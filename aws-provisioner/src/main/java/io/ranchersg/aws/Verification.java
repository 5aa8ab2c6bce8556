package io.ranchersg.aws;

import io.ranchersg.core.Peer;
import io.ranchersg.core.coverage.GroupCoverage;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How one group meets a profile's requirements: a verdict per requirement, the rules that allow
 * more, and the findings (see {@link GroupCoverage}). Nothing was written to find out.
 *
 * @param location   where the group is; no id when it does not exist
 * @param profile    the profile whose requirements were verified
 * @param exists     whether the group exists; when not, no requirement is covered
 * @param managed    whether the group carries rancher-sg's tags
 * @param driverMade whether Rancher's EC2 node driver made the group
 * @param coverage   the verdicts, the rules in excess and the findings
 * @param vpcBlocks  the VPC's blocks where they were read to judge {@code self} or a group; else empty
 * @param apiCalls   the run's EC2 calls by operation; empty inside a stack's verification, and
 *                   when the caller owns the client
 */
public record Verification(Location location, String profile, boolean exists, boolean managed, boolean driverMade,
                           GroupCoverage coverage, List<Peer.Cidr> vpcBlocks, Map<String, Integer> apiCalls) {

    /**
     * Checks the components.
     *
     * @param location where the group is
     * @param profile the profile whose requirements were verified
     * @param exists whether the group exists
     * @param managed whether the group carries rancher-sg's tags
     * @param driverMade whether Rancher's EC2 node driver made the group
     * @param coverage the verdicts, the rules in excess and the findings
     * @param vpcBlocks the VPC's blocks where they were read
     * @param apiCalls the run's EC2 calls by operation
     */
    public Verification {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(coverage, "coverage");
        vpcBlocks = List.copyOf(vpcBlocks);
        apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
    }

    /** {@return whether the group exists and every requirement is covered} */
    public boolean covered() {
        return exists && coverage.covered();
    }

    /** {@return how many requirements are not wholly covered} */
    public int uncovered() {
        return coverage.uncovered();
    }

    /** {@return this verification with the run's calls} */
    Verification withCalls(Map<String, Integer> calls) {
        return new Verification(location, profile, exists, managed, driverMade, coverage, vpcBlocks, calls);
    }
}
