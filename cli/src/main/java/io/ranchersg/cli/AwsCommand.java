package io.ranchersg.cli;

import io.ranchersg.aws.CallerIdentity;
import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.Ec2Session;
import io.ranchersg.cli.view.Asff;
import io.ranchersg.cli.view.CheckView;
import io.ranchersg.cli.view.Style;
import io.ranchersg.cli.view.View;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to EC2. {@link #call()} first checks every input ({@link #validate()}, which
 * must not call AWS), then runs ({@link #execute()}); invalid input therefore never reaches AWS.
 * What a run gives is printed through a {@link View}.
 */
abstract class AwsCommand implements Callable<Integer>, JsonOutput {

    final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityMixin verbosity;

    @Mixin
    AwsMixin aws;

    @Mixin
    OutputMixin output;

    /** The settings, available to {@link #execute()} once {@link #validate()} has passed. */
    ClientSettings settings;

    AwsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public final Integer call() {
        settings = aws.settings(context.env());
        if (output != null && output.asff() && !reportsFindings()) {
            throw new UsageException("--output asff: only check, stack check and scan report findings as ASFF");
        }
        validate();
        return execute();
    }

    /** Whether the command's report is a check's, whose findings {@code --output asff} gives. */
    boolean reportsFindings() {
        return false;
    }

    /** Checks the command's own inputs; throws {@link UsageException} naming a bad value. Never calls AWS. */
    abstract void validate();

    /** Does the work on valid input and returns the exit code. */
    abstract int execute();

    @Override
    public boolean jsonOutput() {
        return output != null && output.json();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Style style() {
        return new Style(context.colour() && !jsonOutput());
    }

    /** Opens the run's session, does the work in it and closes it; the work's result counts its calls. */
    <T> T inSession(Function<Ec2Session, T> work) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return work.apply(session);
        }
    }

    /** Prints the view on stdout: its document under {@code --output json}, else its text. */
    void print(View view) {
        if (jsonOutput()) {
            out().println(Json.write(view.document()));
        } else {
            out().print(view.text(style()));
        }
    }

    /**
     * Reports a check that ran at {@code at}: its report files, what it could not read on stderr,
     * then the report itself. Returns 1 when something could not be read, else 0 when every group is
     * in sync, else 2.
     */
    int report(ReportFilesMixin files, CheckView view, Instant at) {
        // Files first: if one cannot be written, stdout must not already hold a report.
        files.written(view, at);
        List<String> errors = view.errors();
        // Clean as every error line: an account's name comes from a file and must not drive the terminal.
        errors.forEach(line -> err().println(ErrorFunnel.PREFIX + ErrorFunnel.clean(line)));
        if (output.asff()) {
            // Groups of the caller's own account do not name it: STS says which it is.
            String account = view.outcomes().stream().allMatch(o -> o.location().account() != null) ? null
                    : CallerIdentity.account(settings);
            out().println(Json.write(Asff.document(view.outcomes(), account, at)));
        } else {
            print(view);
        }
        if (!errors.isEmpty()) {
            return ExitCodes.ERROR;
        }
        return view.inSync() ? ExitCodes.OK : ExitCodes.DRIFT;
    }
}
