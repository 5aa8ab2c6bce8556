package io.ranchersg.aws;

import io.ranchersg.core.QuotaViolation;
import java.util.List;
import java.util.stream.Collectors;

/** The group would hold more rules than the quota allows; nothing was written. */
public final class QuotaExceededException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    private final transient List<QuotaViolation> violations;

    static QuotaExceededException wouldExceed(String groupName, List<QuotaViolation> violations) {
        return new QuotaExceededException("security group '" + groupName + "' would exceed the rule quota, nothing"
                + " was changed: " + violations.stream().map(QuotaViolation::message).collect(Collectors.joining("; ")),
                violations);
    }

    QuotaExceededException(String message, Throwable cause) {
        super(message, cause);
        this.violations = List.of();
    }

    QuotaExceededException(String message, List<QuotaViolation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    /** Each direction and address family over its limit, with by how much (empty when EC2 said it). */
    public List<QuotaViolation> violations() {
        return violations;
    }
}
