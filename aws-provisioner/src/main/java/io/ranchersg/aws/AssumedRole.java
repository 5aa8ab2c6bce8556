package io.ranchersg.aws;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One IAM role to assume (STS AssumeRole, session name {@value #SESSION_NAME}), with the external
 * id its trust policy asks for, if any. Equal when the ARN and the external id are.
 *
 * @param roleArn    {@code arn:aws:iam::123456789012:role/NAME} (other partitions and role paths too)
 * @param externalId the external id, or {@code null}
 */
public record AssumedRole(String roleArn, String externalId) {

    /** The session name every assumed role gets, so that CloudTrail shows who made the calls. */
    public static final String SESSION_NAME = "rancher-sg";

    private static final Pattern ARN =
            Pattern.compile("arn:aws(?:-[a-z]+)*:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
    /** What IAM accepts as an external id: 2 to 1224 of these characters. */
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    /**
     * Checks the components.
     *
     * @param roleArn {@code arn:aws:iam::123456789012:role/NAME} (other partitions and role paths too)
     * @param externalId the external id, or {@code null}
     */
    public AssumedRole {
        Objects.requireNonNull(roleArn, "roleArn");
        if (!ARN.matcher(roleArn).matches()) {
            throw new IllegalArgumentException("invalid role ARN '" + roleArn
                    + "': expected arn:aws:iam::123456789012:role/NAME");
        }
        if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
            // The value may be a shared secret of sorts: say what is wrong with it, not what it is.
            throw new IllegalArgumentException("invalid external id of role '" + roleArn + "': expected 2 to 1224"
                    + " letters, digits or any of + = , . @ : / - _ (" + externalId.length() + " characters given)");
        }
    }

    /**
     * The role, without an external id.
     *
     * @param roleArn {@code arn:aws:iam::123456789012:role/NAME}
     * @return the role
     * @throws IllegalArgumentException when the ARN is not a role's
     */
    public static AssumedRole of(String roleArn) {
        return new AssumedRole(roleArn, null);
    }

    /** {@return the account the role belongs to: a run that assumes it works there} */
    public String accountId() {
        Matcher matcher = ARN.matcher(roleArn);
        if (!matcher.matches()) {
            throw new IllegalStateException(roleArn);
        }
        return matcher.group(1);
    }

    /** {@return the ARN only: the external id never reaches a message or a log} */
    @Override
    public String toString() {
        return roleArn;
    }
}
