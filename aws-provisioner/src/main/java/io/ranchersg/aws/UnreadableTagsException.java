package io.ranchersg.aws;

/**
 * A group carries rancher-sg's tags, but they name no known profile or hold options that cannot be
 * parsed, so the group cannot be checked against what it was created with. Retag it with ensure.
 */
public final class UnreadableTagsException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    UnreadableTagsException(String message, Throwable cause) {
        super(message, cause);
    }
}
