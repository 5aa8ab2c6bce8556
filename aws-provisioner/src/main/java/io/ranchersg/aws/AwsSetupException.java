package io.ranchersg.aws;

/** No region or no credentials could be found, or the credentials were refused. */
public final class AwsSetupException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    AwsSetupException(String message) {
        super(message);
    }

    AwsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
