package io.ranchersg.cli;

import io.ranchersg.core.ProfileOptions;
import picocli.CommandLine.Option;

/** The group's name; core checks it (EC2's characters, no sg- prefix, not {@code default}) in {@link ProfileMixin#resolve(String)}. */
final class GroupMixin {

    @Option(names = "--group-name", paramLabel = "NAME", defaultValue = ProfileOptions.DEFAULT_GROUP_NAME,
            description = "Security group name (default: ${DEFAULT-VALUE}); must not start with sg-"
                    + " nor be default (the VPC's default group).")
    String groupName = ProfileOptions.DEFAULT_GROUP_NAME;
}
