package io.ranchersg.core;

import java.util.Objects;

/**
 * A control of a published standard that a finding fails, so that auditors and Security Hub can
 * match it: {@code aws-fsbp EC2.13}, {@code cis-aws-foundations 3.0.0 5.2}.
 *
 * @param standard the standard: {@value #AWS_FSBP} or {@value #CIS_AWS_FOUNDATIONS}
 * @param version  the standard's version where its numbering depends on it, else {@code ""}
 * @param id       the control's id in that standard
 */
public record Control(String standard, String version, String id) {

    /** AWS Foundational Security Best Practices, as AWS Security Hub numbers its controls. */
    public static final String AWS_FSBP = "aws-fsbp";
    /** The CIS Amazon Web Services Foundations Benchmark. */
    public static final String CIS_AWS_FOUNDATIONS = "cis-aws-foundations";
    /** The CIS benchmark's version whose numbering the controls use. */
    public static final String CIS_VERSION = "3.0.0";

    public Control {
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(version, "version");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a control needs an id, got '" + id + "'");
        }
    }

    /** An AWS Foundational Security Best Practices control, e.g. {@code EC2.13}. */
    public static Control fsbp(String id) {
        return new Control(AWS_FSBP, "", id);
    }

    /** A CIS AWS Foundations Benchmark v3.0.0 recommendation, e.g. {@code 5.2}. */
    public static Control cis(String id) {
        return new Control(CIS_AWS_FOUNDATIONS, CIS_VERSION, id);
    }

    /** E.g. {@code aws-fsbp EC2.13} or {@code cis-aws-foundations 3.0.0 5.2}. */
    @Override
    public String toString() {
        return standard + (version.isEmpty() ? "" : " " + version) + " " + id;
    }
}
