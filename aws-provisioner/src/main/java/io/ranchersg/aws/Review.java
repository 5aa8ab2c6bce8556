package io.ranchersg.aws;

import io.ranchersg.core.Finding;
import io.ranchersg.core.Warning;
import java.util.List;

/**
 * What a person should read about a group before trusting it: the security findings of its rules
 * (after the run; for a plan, after the ensure it plans) and the warnings about the run itself.
 *
 * @param findings security findings, most severe first
 * @param warnings what the run does or meets that deserves a word, e.g. revoking allow-all outbound
 */
public record Review(List<Finding> findings, List<Warning> warnings) {

    /** Nothing to say. */
    public static final Review NONE = new Review(List.of(), List.of());

    /**
     * Checks the components.
     *
     * @param findings security findings, most severe first
     * @param warnings what the run does or meets that deserves a word, e.g. revoking allow-all
     *     outbound
     */
    public Review {
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
    }
}
