package io.ranchersg.core.coverage;

import io.ranchersg.core.Finding;
import io.ranchersg.core.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * How a group's rules meet a profile's requirements: a verdict per requirement, in the profile's
 * order; the rules that allow more than the requirements need; and every security finding about
 * the group's rules (the requirements' own ports counting as authorized).
 *
 * @param requirements each requirement with its verdict
 * @param excess       the group's rules that allow more than needed, in rule order
 * @param findings     the findings about the group's rules, most severe first
 */
public record GroupCoverage(List<RequirementCoverage> requirements, List<Excess> excess, List<Finding> findings) {

    /**
     * Copies the lists.
     *
     * @param requirements each requirement with its verdict
     * @param excess the group's rules that allow more than needed
     * @param findings the findings about the group's rules
     */
    public GroupCoverage {
        requirements = List.copyOf(requirements);
        excess = List.copyOf(excess);
        findings = List.copyOf(findings);
    }

    /** {@return whether every requirement is covered} */
    public boolean covered() {
        return requirements.stream().allMatch(RequirementCoverage::covered);
    }

    /** {@return how many requirements are not wholly covered (partly or not at all)} */
    public int uncovered() {
        return (int) requirements.stream().filter(r -> !r.covered()).count();
    }

    /**
     * {@return what the rules do not allow, as rules: each requirement not covered, and of one partly
     * covered the ports it misses}
     */
    public List<Rule> missingRules() {
        List<Rule> missing = new ArrayList<>();
        for (RequirementCoverage r : requirements) {
            if (r.verdict() instanceof Verdict.Partly partly) {
                Rule required = r.required();
                partly.missing().forEach(ports -> missing.add(new Rule(required.direction(), required.protocol(), ports,
                        required.peer(), required.description())));
            } else if (r.verdict() instanceof Verdict.NotCovered) {
                missing.add(r.required());
            }
        }
        return List.copyOf(missing);
    }

    /** {@return whether some verdict holds only while the nodes live in the group's VPC} */
    public boolean assumesNodesInVpc() {
        return requirements.stream().anyMatch(r -> r.verdict().assumesNodesInVpc());
    }
}
