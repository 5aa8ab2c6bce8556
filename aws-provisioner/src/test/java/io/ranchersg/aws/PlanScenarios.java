package io.ranchersg.aws;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The scenarios in which plan must show what ensure then does, for the test on the in-memory EC2
 * and the one on the emulator alike: every start, in VPCs with and without IPv6, with and without prune.
 */
final class PlanScenarios {

    /** How a scenario prepares the group before plan and ensure run. */
    enum Start {
        NEW_GROUP,
        IN_SYNC,
        DRIFTED,
        NOT_MANAGED
    }

    private PlanScenarios() {
    }

    /** Arguments (start, IPv6 VPC, prune), for {@code @MethodSource("io.ranchersg.aws.PlanScenarios#scenarios")}. */
    static Stream<Arguments> scenarios() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (Start start : Start.values()) {
            for (boolean ipv6Vpc : new boolean[] {false, true}) {
                for (boolean prune : new boolean[] {false, true}) {
                    all.add(Arguments.of(start, ipv6Vpc, prune));
                }
            }
        }
        return all.build();
    }
}
