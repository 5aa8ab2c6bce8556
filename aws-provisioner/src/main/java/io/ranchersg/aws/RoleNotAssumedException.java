package io.ranchersg.aws;

/**
 * STS refused to hand out a role's credentials (the role does not exist, its trust policy does not
 * name the caller, the external id is wrong, STS cannot be reached). Names the role, never the
 * external id or any credential.
 */
public final class RoleNotAssumedException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    RoleNotAssumedException(String message, Throwable cause) {
        super(message, cause);
    }
}
