package io.ranchersg.core.coverage;

import io.ranchersg.core.Finding;
import io.ranchersg.core.Rule;
import java.util.List;
import java.util.Objects;

/**
 * A rule of the group that allows more than the requirements need: ports no requirement of its
 * protocol names, or a peer wider than the requirements' for ports they do name.
 *
 * @param rule         the group's rule
 * @param broaderPorts whether it opens ports (or protocols) no requirement names
 * @param broaderPeer  whether, for ports the requirements name, it reaches beyond their peers
 * @param findings     the security findings about this rule (alone, or as the widest of several)
 */
public record Excess(Rule rule, boolean broaderPorts, boolean broaderPeer, List<Finding> findings) {

    /**
     * Refuses a rule that is not broader at all.
     *
     * @param rule the group's rule
     * @param broaderPorts whether it opens ports no requirement names
     * @param broaderPeer whether it reaches beyond the requirements' peers
     * @param findings the security findings about this rule
     */
    public Excess {
        Objects.requireNonNull(rule, "rule");
        findings = List.copyOf(findings);
        if (!broaderPorts && !broaderPeer) {
            throw new IllegalArgumentException("rule " + rule.key() + " is within the requirements, not in excess");
        }
    }

    /** {@return what is broader: {@code ports}, {@code peer} or {@code ports and peer}} */
    public String broader() {
        return broaderPorts && broaderPeer ? "ports and peer" : broaderPorts ? "ports" : "peer";
    }
}
