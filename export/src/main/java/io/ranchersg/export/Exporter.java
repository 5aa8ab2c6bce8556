package io.ranchersg.export;

/**
 * Turns groups into the text of one infrastructure-as-code format. Implementations are pure: the
 * same {@link ExportSet} always gives the same text, and nothing is read or sent anywhere.
 */
public interface Exporter {

    /** {@return the format this exporter writes} */
    ExportFormat format();

    /**
     * Writes the whole document.
     *
     * @param set the groups to export, their peers, VPC and imports
     * @return a Terraform configuration, a CloudFormation template or a bash script
     */
    String render(ExportSet set);
}
