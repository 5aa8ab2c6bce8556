package io.ranchersg.cli;

import io.ranchersg.aws.ClientSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to EC2. {@link #call()} first checks every input ({@link #validate()}, which
 * must not call AWS), then runs ({@link #execute()}); invalid input therefore never reaches AWS.
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
        validate();
        return execute();
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
}
