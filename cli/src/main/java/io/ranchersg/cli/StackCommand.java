package io.ranchersg.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rancher-sg stack}: one least-privilege group per role of a cluster, referring to each other. */
@Command(name = "stack",
        description = {"Cluster stacks: one least-privilege group per role, referring to each other.",
            "Layouts node-pool and custom make NAME-etcd, NAME-controlplane and NAME-worker; rke2 makes"
                + " NAME-server and NAME-agent. Every group is created before any rule refers to it, so their"
                + " references may form cycles."},
        subcommands = {
            StackRulesCommand.class,
            StackPlanCommand.class,
            StackEnsureCommand.class,
            StackCheckCommand.class,
            StackVerifyCommand.class,
            StackDeleteCommand.class,
            StackExportCommand.class,
        })
final class StackCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UsageException("a stack command is required: rules, plan, ensure, check, verify, delete or export");
    }
}
