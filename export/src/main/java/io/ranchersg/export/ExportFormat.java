package io.ranchersg.export;

import java.util.Arrays;
import java.util.List;

/** The formats rancher-sg exports groups to. */
public enum ExportFormat {
    /** Terraform for the AWS provider: one {@code aws_security_group} per group, one rule resource per rule. */
    TERRAFORM("terraform"),
    /** A CloudFormation template in YAML. */
    CLOUDFORMATION("cloudformation"),
    /** A bash script of AWS CLI calls. */
    AWS_CLI("aws-cli");

    private final String jsonName;

    ExportFormat(String jsonName) {
        this.jsonName = jsonName;
    }

    /** {@return the name for flags: {@code terraform}, {@code cloudformation}, {@code aws-cli}} */
    public String jsonName() {
        return jsonName;
    }

    /** {@return every format's name, in declaration order} */
    public static List<String> names() {
        return Arrays.stream(values()).map(ExportFormat::jsonName).toList();
    }

    /**
     * Parses a format name.
     *
     * @param text the name: {@code terraform}, {@code cloudformation} or {@code aws-cli}
     * @return the format
     * @throws IllegalArgumentException naming the value if it is not one
     */
    public static ExportFormat parse(String text) {
        for (ExportFormat format : values()) {
            if (format.jsonName.equals(text)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown export format '" + text + "': expected "
                + String.join(", ", names()));
    }

    /** {@return the generator of this format} */
    public Exporter exporter() {
        switch (this) {
            case TERRAFORM:
                return new TerraformExporter();
            case CLOUDFORMATION:
                return new CloudFormationExporter();
            default:
                return new AwsCliExporter();
        }
    }
}
