package io.ranchersg.aws;

/** The group asked for does not exist in the VPC; nothing was written. */
public final class GroupNotFoundException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    GroupNotFoundException(String message) {
        super(message);
    }
}
