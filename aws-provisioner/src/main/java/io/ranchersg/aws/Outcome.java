package io.ranchersg.aws;

import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Drift;
import io.ranchersg.core.Finding;
import io.ranchersg.core.Plan;
import io.ranchersg.core.Rule;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of one run against one group: an immutable value.
 *
 * @param mode       what the run was allowed to do
 * @param region     the region
 * @param vpcId      the VPC
 * @param groupId    the group's id, or {@code null} when it does not exist (plan and check)
 * @param groupName  the group's name
 * @param profile    the profile it was compared with
 * @param exists     whether the group exists after the run
 * @param created    whether this run created it
 * @param managed    whether it carries rancher-sg's tags
 * @param plan       what the run found to do (for ensure: what it then did)
 * @param authorized rules this run added
 * @param revoked    rules this run removed
 * @param updated    descriptions this run restored
 * @param drift      how the group differs from the profile after the run
 * @param findings   security findings on the group's rules after the run
 * @param apiCalls   EC2 calls this run made, by operation
 */
public record Outcome(Mode mode, String region, String vpcId, String groupId, String groupName, String profile,
                      boolean exists, boolean created, boolean managed, Plan plan, List<Rule> authorized,
                      List<Rule> revoked, List<DescriptionChange> updated, Drift drift, List<Finding> findings,
                      Map<String, Integer> apiCalls) {

    public Outcome {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(drift, "drift");
        authorized = List.copyOf(authorized);
        revoked = List.copyOf(revoked);
        updated = List.copyOf(updated);
        findings = List.copyOf(findings);
        apiCalls = java.util.Collections.unmodifiableMap(new TreeMap<>(apiCalls));
    }

    /** Whether the group exists and matches its profile: nothing missing, extra or changed. */
    public boolean inSync() {
        return exists && drift.inSync();
    }

    /** All EC2 calls of the run. */
    public int totalCalls() {
        return apiCalls.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** EC2 calls of the run that write (anything but Describe). */
    public int writeCalls() {
        return apiCalls.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("Describe"))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }
}
