package io.ranchersg.aws;

/** AWS refused a call for lack of permission; the message names the IAM actions needed. */
public final class AccessDeniedException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    AccessDeniedException(String message) {
        super(message);
    }

    AccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
