package io.ranchersg.core.coverage;

import io.ranchersg.core.Rule;
import java.util.Objects;

/**
 * One rule a profile requires, and how far the group's rules meet it.
 *
 * @param required the profile's rule
 * @param verdict  covered, partly or not
 */
public record RequirementCoverage(Rule required, Verdict verdict) {

    /**
     * Refuses missing parts.
     *
     * @param required the profile's rule
     * @param verdict covered, partly or not
     */
    public RequirementCoverage {
        Objects.requireNonNull(required, "required");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** {@return whether every port and address of the requirement is allowed} */
    public boolean covered() {
        return verdict instanceof Verdict.Covered;
    }
}
