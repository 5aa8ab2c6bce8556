package io.ranchersg.aws;

/** EC2 answered with an error that has no more specific meaning here; the message carries its code. */
public final class Ec2CallException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    Ec2CallException(String message) {
        super(message);
    }

    Ec2CallException(String message, Throwable cause) {
        super(message, cause);
    }
}
