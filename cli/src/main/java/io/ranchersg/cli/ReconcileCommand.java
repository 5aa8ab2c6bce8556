package io.ranchersg.cli;

import io.ranchersg.aws.Reconciler;
import io.ranchersg.cli.view.CheckView;
import io.ranchersg.core.RuleQuota;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A command that brings groups of one VPC to their profiles, or checks them: one group
 * ({@link GroupCommand}) or the groups of a cluster stack ({@link StackAwsCommand}). Each builds its
 * request from options of its own, with help texts of its own; validating, running the reconciler
 * and reporting a check are the same for both.
 *
 * @param <Q> the request
 * @param <O> what a reconciler call gives for it
 */
abstract class ReconcileCommand<Q, O> extends AwsCommand {

    /** The request, built and checked by {@link #validate()}. */
    Q request;

    ReconcileCommand(CliContext context) {
        super(context);
    }

    @Override
    final void validate() {
        request = request();
        validateMore();
    }

    /** The request the options describe; throws {@link UsageException} naming a bad value. Never calls AWS. */
    abstract Q request();

    /** Further checks of a subclass's own options; never calls AWS. */
    void validateMore() {
    }

    /** Opens a session and runs one reconciler call; the outcome counts the run's calls. */
    O reconcile(BiFunction<Reconciler, Q, O> call, Q target) {
        return inSession(session -> call.apply(new Reconciler(session), target));
    }

    /**
     * Runs a check of {@link #request} and reports it (see {@link #report}); when the check fails as
     * a whole, the report files say so before the failure goes on.
     */
    int check(ReportFilesMixin files, BiFunction<Reconciler, Q, O> call, Function<O, CheckView> view) {
        Instant at = context.clock().instant();
        O outcome = files.recording(at, () -> reconcile(call, request));
        return report(files, view.apply(outcome), at);
    }

    /** {@code --rule-quota}: rules per group, direction and address family. */
    static RuleQuota quota(int rules) {
        try {
            return new RuleQuota(rules, rules);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--rule-quota", e);
        }
    }
}
