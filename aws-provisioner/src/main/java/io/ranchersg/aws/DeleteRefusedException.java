package io.ranchersg.aws;

import java.util.List;

/**
 * EC2 refused to delete a group ({@code DependencyViolation}): something rancher-sg's checks cannot
 * see still uses it (a network interface attached after the check, a reference from a peered VPC of
 * another account). The message says which group, EC2's words, and how the stack was left: a stack
 * delete puts back the references it revoked, so that the groups it did not delete hold what they held.
 */
public final class DeleteRefusedException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    /** The group EC2 would not delete. */
    private final String groupId;
    /** EC2's words for the refusal. */
    private final String answer;
    private final transient List<String> deleted;

    /**
     * EC2's refusal, as a gateway reports it.
     *
     * @param groupId the group EC2 did not delete
     * @param answer what EC2 answered, one line: {@code DependencyViolation: ...}
     * @param cause the SDK's exception, or {@code null}
     */
    DeleteRefusedException(String groupId, String answer, Throwable cause) {
        this(groupId, answer, "EC2 refused to delete security group " + groupId + ": " + answer, List.of(), cause);
    }

    private DeleteRefusedException(String groupId, String answer, String message, List<String> deleted,
                                   Throwable cause) {
        super(message, cause);
        this.groupId = groupId;
        this.answer = answer;
        this.deleted = List.copyOf(deleted);
    }

    /**
     * The refusal as a delete run reports it to the user.
     *
     * @param message one line: what EC2 refused and how the groups were left
     * @param deleted the groups the run deleted before the refusal, as {@code name (id)}
     * @return the exception, the gateway's as its cause
     */
    DeleteRefusedException reported(String message, List<String> deleted) {
        return new DeleteRefusedException(groupId, answer, message, deleted, this);
    }

    /** {@return what EC2 answered, one line: {@code DependencyViolation: ...}} */
    public String answer() {
        return answer;
    }

    /** {@return the group EC2 did not delete} */
    public String groupId() {
        return groupId;
    }

    /** {@return the groups the run deleted before EC2 refused, as {@code name (id)}; empty: the stack is intact} */
    public List<String> deleted() {
        return deleted;
    }
}
