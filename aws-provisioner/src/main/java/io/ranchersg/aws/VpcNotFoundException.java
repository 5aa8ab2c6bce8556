package io.ranchersg.aws;

/** The VPC given does not exist in the region, or the region has no default VPC and none was given. */
public final class VpcNotFoundException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    VpcNotFoundException(String message) {
        super(message);
    }

    VpcNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
