package io.ranchersg.aws;

/**
 * EC2 answered with an error that has no more specific meaning here; the message carries its code,
 * or, when the answer held no EC2 error (a proxy's error page), the HTTP status and the endpoint.
 */
public final class Ec2CallException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    Ec2CallException(String message) {
        super(message);
    }

    Ec2CallException(String message, Throwable cause) {
        super(message, cause);
    }
}
