package io.ranchersg.aws;

/** A group with the requested name exists but was not created by rancher-sg, and adopting it was not asked for. */
public final class GroupNotManagedException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    GroupNotManagedException(String message) {
        super(message);
    }

    GroupNotManagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
