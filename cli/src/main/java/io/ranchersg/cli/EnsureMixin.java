package io.ranchersg.cli;

import picocli.CommandLine.Option;

/** What ensure takes beyond plan's choices, for a group and for a stack alike. */
final class EnsureMixin {

    @Option(names = "--dry-run",
            description = "Change nothing: print the plan, after sending every write with DryRun=true to prove"
                    + " the permissions.")
    boolean dryRun;

    @Option(names = "--adopt",
            description = "Take over groups of these names that rancher-sg did not create (they get rancher-sg's"
                    + " tags once their rules are in).")
    boolean adopt;
}
