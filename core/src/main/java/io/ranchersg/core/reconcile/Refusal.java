package io.ranchersg.core.reconcile;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.Finding;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.PrefixLists;
import io.ranchersg.core.Warning;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a run must not write, as a value: a decision carries its refusals, the executor throws them
 * before its first write, a plan shows those a run option would accept as warnings.
 *
 * @param code    what kind of refusal, stable for scripts and for mapping to the option that accepts it
 * @param group   the group it concerns ({@code ""} for the run as a whole)
 * @param message what is wrong and what to do, one line
 * @param risks   for {@link Code#CRITICAL_EXPOSURE}: the finding codes that would have to be accepted
 * @param warning for a refusal a run option accepts: how a plan words it; {@code ""} for the others
 */
public record Refusal(Code code, String group, String message, List<String> risks, String warning) {

    /** The kinds of refusal. */
    public enum Code {
        /** The VPC does not exist, or the region has no default VPC. */
        VPC_NOT_FOUND("vpc-not-found", null),
        /** A group named or referenced as a peer does not exist. */
        PEER_NOT_FOUND("peer-not-found", null),
        /** A group to work on does not exist (export's adopt, delete). */
        GROUP_NOT_FOUND("group-not-found", null),
        /** A group of that name exists that rancher-sg did not make. */
        NOT_MANAGED("not-managed", Warning.NEEDS_ADOPT),
        /** The group was made with another profile or options. */
        RECONFIGURE("reconfigure", Warning.RECONFIGURES),
        /** The rules asked for have critical findings nobody accepted. */
        CRITICAL_EXPOSURE("critical-exposure", Warning.NEEDS_ACCEPTED_RISK),
        /** The group would not fit its rule quota, at the end or at the peak of the changes. */
        QUOTA("quota", null),
        /** A group to delete is still used by a network interface or another group. */
        GROUP_IN_USE("group-in-use", null),
        /** A group carries rancher-sg tags that cannot be read back. */
        UNREADABLE_TAGS("unreadable-tags", null);

        private final String jsonName;
        private final String warningCode;

        Code(String jsonName, String warningCode) {
            this.jsonName = jsonName;
            this.warningCode = warningCode;
        }

        /** {@return as JSON and logs name it, e.g. {@code not-managed}} */
        public String jsonName() {
            return jsonName;
        }

        /** {@return whether a run option can accept it (adopt, reconfigure, accepted risks), where one applies} */
        public boolean acceptable() {
            return warningCode != null;
        }
    }

    /**
     * Checks the components.
     *
     * @param code what kind of refusal, stable for scripts and for mapping to the option that accepts
     *     it
     * @param group the group it concerns ({@code ""} for the run as a whole)
     * @param message what is wrong and what to do, one line
     * @param risks for {@link Code#CRITICAL_EXPOSURE}: the finding codes that would have to be
     *     accepted
     * @param warning for a refusal a run option accepts: how a plan words it; {@code ""} for the
     *     others
     */
    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(message, "message");
        risks = List.copyOf(risks);
        Objects.requireNonNull(warning, "warning");
        if (!code.acceptable() && !warning.isEmpty()) {
            throw new IllegalArgumentException("refusal " + code.jsonName() + " is accepted by no option: no warning");
        }
    }

    /**
     * Whether a run option accepts this refusal: an adopt accepts a group rancher-sg did not make
     * for ensure, but nothing makes delete take such a group.
     */
    public boolean acceptable() {
        return !warning.isEmpty();
    }

    /** A refusal no run option accepts, worded whole. */
    public static Refusal of(Code code, String group, String message) {
        return new Refusal(code, group, message, List.of(), "");
    }

    /**
     * A refusal a run option accepts.
     *
     * @param situation what is wrong, naming the group
     * @param remedy    what accepts it, e.g. {@code reconfigure it explicitly if that is meant}
     * @param risks     the finding codes to accept, for {@link Code#CRITICAL_EXPOSURE}
     */
    public static Refusal acceptable(Code code, String group, String situation, String remedy, List<String> risks) {
        return new Refusal(code, group, situation + "; nothing was written: " + remedy, risks,
                situation + "; ensure refuses this: " + remedy);
    }

    /**
     * The refusal of a spec whose own rules have critical findings the user did not accept: what
     * ensure, plan and export hold every request to. Only the rules asked for are judged; a rule
     * someone added by hand is reported, but never blocks a repair.
     */
    public static Optional<Refusal> ofRisks(GroupSpec spec, AcceptedRisks accepted) {
        return ofRisks(spec, accepted, PrefixLists.NONE);
    }

    /** As {@link #ofRisks(GroupSpec, AcceptedRisks)}, judging the prefix lists that were read by their blocks. */
    public static Optional<Refusal> ofRisks(GroupSpec spec, AcceptedRisks accepted, PrefixLists lists) {
        List<Finding> refused = accepted.refused(spec.rules(), lists);
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        List<String> codes = refused.stream().map(Finding::code).distinct().toList();
        return Optional.of(acceptable(Code.CRITICAL_EXPOSURE, spec.name(), "security group '" + spec.name()
                + "' would be written with " + refused.size() + " critical finding" + (refused.size() == 1 ? "" : "s")
                + ": " + refused.get(0).message(), "accept the risk " + String.join(", ", codes)
                + " explicitly if that is meant", codes));
    }

    /**
     * For a plan: that ensure will refuse this unless told otherwise. Only for refusals a run option
     * accepts; the others fail a plan as they fail ensure.
     */
    public Warning asWarning() {
        if (!acceptable()) {
            throw new IllegalStateException("refusal " + code.jsonName() + " has no option that accepts it");
        }
        return new Warning(code.warningCode, warning);
    }

    @Override
    public String toString() {
        return code.jsonName() + ": " + message;
    }
}
