package io.ranchersg.aws;

import java.util.Arrays;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The EC2 error codes rancher-sg handles on purpose, each as a named outcome rather than string
 * matching at the call sites.
 */
enum Ec2ErrorCode {
    /** A rule being authorized exists already: another run got there first. */
    DUPLICATE_PERMISSION("InvalidPermission.Duplicate"),
    /** A rule being revoked is gone already. */
    PERMISSION_NOT_FOUND("InvalidPermission.NotFound"),
    /** A group of that name exists in the VPC: another run created it first. */
    DUPLICATE_GROUP("InvalidGroup.Duplicate"),
    /** The group is not (yet) visible: EC2 is eventually consistent right after create. */
    GROUP_NOT_FOUND("InvalidGroup.NotFound"),
    /** The VPC id names no VPC in this region. */
    VPC_NOT_FOUND("InvalidVpcID.NotFound"),
    /** A DryRun request that would have succeeded. */
    DRY_RUN_OPERATION("DryRunOperation"),
    /** The caller lacks an IAM permission. */
    UNAUTHORIZED("UnauthorizedOperation"),
    /** The credentials were refused. */
    AUTH_FAILURE("AuthFailure"),
    /** The access key is unknown to AWS. */
    INVALID_CLIENT_TOKEN("InvalidClientTokenId"),
    /** The group's rule quota is reached. */
    RULES_LIMIT("RulesPerSecurityGroupLimitExceeded"),
    /** A group still in use (a network interface, another group's rule) cannot be deleted yet. */
    DEPENDENCY_VIOLATION("DependencyViolation");

    private final String code;

    Ec2ErrorCode(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    /** The named outcome of an EC2 error, if it is one of these. */
    static Optional<Ec2ErrorCode> of(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    boolean matches(AwsServiceException e) {
        return of(e).filter(this::equals).isPresent();
    }
}
