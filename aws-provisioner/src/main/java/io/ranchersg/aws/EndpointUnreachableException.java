package io.ranchersg.aws;

/** The EC2 endpoint did not answer (connection refused, DNS failure or timeout). */
public final class EndpointUnreachableException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    EndpointUnreachableException(String message) {
        super(message);
    }

    EndpointUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
