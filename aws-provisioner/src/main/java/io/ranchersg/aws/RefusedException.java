package io.ranchersg.aws;

import io.ranchersg.core.reconcile.Refusal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * rancher-sg refused to go on, before anything was written: what a run asked for, or what it found,
 * does not allow it. Each {@link Refusal} has a stable {@link Refusal.Code code} (say
 * {@code not-managed}, which adopting accepts) and a message naming the group and what to do.
 */
public final class RefusedException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    private final transient List<Refusal> refusals;

    /**
     * Refused for these reasons; the message is the first's, with a count of the rest.
     *
     * @param refusals the reasons, at least one, in the order found
     * @throws IllegalArgumentException when there is none
     */
    public RefusedException(List<Refusal> refusals) {
        super(message(refusals));
        this.refusals = List.copyOf(refusals);
    }

    RefusedException(Refusal refusal) {
        this(List.of(refusal));
    }

    RefusedException(Refusal refusal, Throwable cause) {
        super(refusal.message(), cause);
        this.refusals = List.of(refusal);
    }

    /** Throws the refusals, if there are any. */
    static void throwIfAny(List<Refusal> refusals) {
        if (!refusals.isEmpty()) {
            throw new RefusedException(refusals);
        }
    }

    /** {@return why, in the order found; never empty} */
    public List<Refusal> refusals() {
        return refusals;
    }

    /** {@return whether an option of the run accepts every refusal (adopt, reconfigure, accepted risks)} */
    public boolean acceptable() {
        return refusals.stream().allMatch(Refusal::acceptable);
    }

    /** {@return the first refusal's code} */
    public Refusal.Code code() {
        return refusals.get(0).code();
    }

    /** {@return every finding code that accepting the risk would take, for the refusals that name any} */
    public List<String> risks() {
        return refusals.stream().flatMap(r -> r.risks().stream()).distinct().collect(Collectors.toList());
    }

    private static String message(List<Refusal> refusals) {
        if (refusals.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        int more = refusals.size() - 1;
        return refusals.get(0).message() + (more == 0 ? "" : " (and " + more + " more refusal"
                + (more == 1 ? "" : "s") + ": " + refusals.subList(1, refusals.size()).stream()
                .map(r -> r.code().jsonName()).distinct().collect(Collectors.joining(", ")) + ")");
    }
}
