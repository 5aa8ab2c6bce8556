package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.StackRequest;
import io.ranchersg.core.Layout;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * What plan and ensure may change beyond adding what is missing, as the real command lines parse
 * it: nothing is revoked unless --prune is given, and nothing reconfigured or accepted unasked.
 */
class ChangeMixinTest {

    private static final StackRequest STACK = StackRequest.of(StackSpec.of("c", Layout.RKE2, StackOptions.defaults()));

    @ParameterizedTest
    @ValueSource(strings = {"plan", "ensure", "stack plan --cluster c --layout rke2",
            "stack ensure --cluster c --layout rke2"})
    void withoutFlagsNothingIsPrunedReconfiguredOrAccepted(String command) {
        ChangeMixin change = parse(command);

        GroupRequest group = change.applyTo(GroupRequest.rancherNodes());
        StackRequest stack = change.applyTo(STACK);
        assertThat(group.prune()).as("%s without --prune: prune", command).isFalse();
        assertThat(stack.prune()).as("%s without --prune: prune of the stack", command).isFalse();
        assertThat(group.reconfigure()).as("%s without --reconfigure", command).isFalse();
        assertThat(group.acceptedRisks().values()).as("%s without --accept-risk", command).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "ensure", "stack plan --cluster c --layout rke2",
            "stack ensure --cluster c --layout rke2"})
    void eachFlagTurnsOnItsOwnChoiceOnly(String command) {
        ChangeMixin pruned = parse(command, "--prune");
        ChangeMixin reconfigured = parse(command, "--reconfigure");
        ChangeMixin accepted = parse(command, "--accept-risk", "critical");

        assertThat(pruned.applyTo(GroupRequest.rancherNodes()).prune()).as("%s --prune", command).isTrue();
        assertThat(pruned.applyTo(STACK).prune()).as("%s --prune, the stack", command).isTrue();
        assertThat(pruned.applyTo(GroupRequest.rancherNodes()).reconfigure()).as("%s --prune: reconfigure", command)
                .isFalse();
        assertThat(reconfigured.applyTo(GroupRequest.rancherNodes()).prune()).as("%s --reconfigure: prune", command)
                .isFalse();
        assertThat(reconfigured.applyTo(GroupRequest.rancherNodes()).reconfigure()).isTrue();
        assertThat(accepted.applyTo(GroupRequest.rancherNodes()).prune()).as("%s --accept-risk: prune", command)
                .isFalse();
        assertThat(accepted.applyTo(GroupRequest.rancherNodes()).acceptedRisks().values()).isNotEmpty();
    }

    /** The command's ChangeMixin after the full command line parsed {@code command} and {@code args}. */
    private static ChangeMixin parse(String command, String... args) {
        CommandLine root = Main.commandLine(CliContext.plain());
        List<String> words = new ArrayList<>(List.of(command.split(" ")));
        words.addAll(List.of(args));
        CommandLine.ParseResult result = root.parseArgs(words.toArray(String[]::new));
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        Object parsed = result.commandSpec().userObject();
        if (parsed instanceof EnsureCommand ensure) {
            return ensure.change;
        }
        if (parsed instanceof PlanCommand plan) {
            return plan.change;
        }
        if (parsed instanceof StackEnsureCommand ensure) {
            return ensure.change;
        }
        if (parsed instanceof StackPlanCommand plan) {
            return plan.change;
        }
        throw new AssertionError(command + " parsed as " + parsed.getClass().getSimpleName());
    }
}
