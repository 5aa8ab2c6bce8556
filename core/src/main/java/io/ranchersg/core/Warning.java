package io.ranchersg.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Something a plan does or meets that its user should know before it is applied, beside the
 * security {@link Finding}s of its rules: for example that {@code --prune} removes the outbound
 * allow-all rule, after which the group's instances reach only what the profile lists.
 *
 * @param code    a stable identifier for JSON and filtering, e.g. {@value #REVOKES_ALLOW_ALL_EGRESS}
 * @param message what happens and what follows from it, for humans
 */
public record Warning(String code, String message) {

    /** Code of a plan revoking an allow-all outbound rule of an existing group. */
    public static final String REVOKES_ALLOW_ALL_EGRESS = "revokes-allow-all-egress";
    /** Code of a request whose profile or options differ from those the group was made with. */
    public static final String RECONFIGURES = "reconfigures";
    /** Code of a request with critical findings that ensure refuses until they are accepted. */
    public static final String NEEDS_ACCEPTED_RISK = "needs-accepted-risk";
    /** Code of a request for a group rancher-sg did not make, which ensure refuses until it is adopted. */
    public static final String NEEDS_ADOPT = "needs-adopt";

    /** Code of rules naming managed prefix lists that could not be read, so that their blocks were not judged. */
    public static final String PREFIX_LIST_NOT_JUDGED = "prefix-list-not-judged";

    /**
     * Refuses a blank code or message.
     *
     * @param code a stable identifier for JSON and filtering, e.g. {@value #REVOKES_ALLOW_ALL_EGRESS}
     * @param message what happens and what follows from it, for humans
     */
    public Warning {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("warning code must not be blank, got '" + code + "'");
        }
        Objects.requireNonNull(message, "message");
    }

    /**
     * The warnings of a plan for a group that already exists: each allow-all outbound rule it
     * revokes cuts the group's instances off from everything the spec does not list. (For a group
     * about to be created, revoking EC2's own allow-all rule takes nothing from anyone.)
     */
    public static List<Warning> ofPlan(Plan plan) {
        List<Warning> warnings = new ArrayList<>();
        for (Rule rule : plan.toRevoke(Direction.EGRESS)) {
            if (rule.protocol() == Protocol.ALL && rule.peer() instanceof Peer.Cidr cidr && cidr.isAnywhere()) {
                warnings.add(new Warning(REVOKES_ALLOW_ALL_EGRESS, "--prune revokes " + rule.key()
                        + " from security group '" + plan.groupName() + "': its instances will reach only the"
                        + " outbound ports the profile lists (image pulls, package mirrors and other APIs included)"));
            }
        }
        return List.copyOf(warnings);
    }

    /**
     * That the rules naming these prefix lists were not judged, as the lists could not be read
     * ({@code ec2:GetManagedPrefixListEntries}); none when every list was read.
     */
    public static List<Warning> ofUnread(Collection<String> prefixListIds) {
        if (prefixListIds.isEmpty()) {
            return List.of();
        }
        return List.of(new Warning(PREFIX_LIST_NOT_JUDGED, "the entries of prefix list"
                + (prefixListIds.size() == 1 ? " " : "s ") + String.join(", ", prefixListIds) + " could not be read"
                + " (ec2:GetManagedPrefixListEntries): the rules naming " + (prefixListIds.size() == 1 ? "it" : "them")
                + " were not judged for findings"));
    }

    /** {@return a text such as {@code warning: --prune revokes ...}} */
    @Override
    public String toString() {
        return "warning: " + message;
    }
}
