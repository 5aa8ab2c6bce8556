package io.ranchersg.aws;

/**
 * A group to delete is still in use: a network interface (an instance, a load balancer) has it,
 * or a group that is not being deleted refers to it. Nothing was changed.
 */
public final class GroupInUseException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    GroupInUseException(String message) {
        super(message);
    }
}
