package io.ranchersg.aws;

/**
 * A group rancher-sg made was asked for with another profile or other options than it was made
 * with (a forgotten flag in a scheduled job, say), and the request did not say to reconfigure it;
 * nothing was written.
 */
public final class ReconfigureRefusedException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    ReconfigureRefusedException(String message) {
        super(message);
    }
}
