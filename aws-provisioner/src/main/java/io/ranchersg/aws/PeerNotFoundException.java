package io.ranchersg.aws;

/** A group the profile refers to by name does not exist in the VPC; nothing was written. */
public final class PeerNotFoundException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    PeerNotFoundException(String message) {
        super(message);
    }
}
