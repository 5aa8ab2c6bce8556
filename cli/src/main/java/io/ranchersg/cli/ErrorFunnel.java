package io.ranchersg.cli;

import io.ranchersg.aws.CriticalExposureException;
import io.ranchersg.aws.GroupNotManagedException;
import io.ranchersg.aws.RancherSgException;
import io.ranchersg.aws.ReconfigureRefusedException;
import io.ranchersg.core.Finding;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become output and exit codes. Every failure is one line on stderr,
 * {@code rancher-sg: <message>}, naming the bad value; usage errors add where to find help. With
 * {@code -v} the stack trace follows. With {@code --output json}, stdout gets one JSON document
 * ({@code {"format_version":1,"error":{...}}}) so that it stays parseable.
 *
 * <ul>
 *   <li>picocli's parse errors and {@link UsageException} (core's refusals of the user's input,
 *       wrapped during validation, naming the value): {@value ExitCodes#USAGE};
 *   <li>everything else: {@value ExitCodes#ERROR}; the provisioner's {@link RancherSgException}s print
 *       their own one-line message, other exceptions their message and the distinct messages of their causes.
 * </ul>
 */
final class ErrorFunnel implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    static final String PREFIX = "rancher-sg: ";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        String message = oneLine(ex.getMessage()) + helpHint(commandLine);
        // A parse error may come before the -v or --output flags were read, so look at the raw arguments.
        return report(commandLine, ExitCodes.USAGE, message, ex, verbosityIn(args), wantsJson(commandLine, args));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        int verbosity = VerbosityMixin.of(parseResult);
        boolean json = wantsJson(commandLine, parseResult.originalArgs().toArray(String[]::new));
        // Every input is checked before any call (core's refusals arrive wrapped as UsageException), so an
        // IllegalArgumentException here comes from what AWS holds, not from the user: an error, not usage.
        if (ex instanceof UsageException) {
            return report(commandLine, ExitCodes.USAGE, describe(ex) + helpHint(commandLine), ex, verbosity, json);
        }
        // The provisioner's exceptions say all there is in one line; their SDK causes only add noise (see -v).
        String message = ex instanceof RancherSgException ? oneLine(ex.getMessage()) + flagHint(ex) : describe(ex);
        return report(commandLine, ExitCodes.ERROR, message, ex, verbosity, json);
    }

    /** The command-line flag that says "go ahead all the same", for refusals the library words generically. */
    private static String flagHint(Exception ex) {
        if (ex instanceof ReconfigureRefusedException) {
            return " (--reconfigure)";
        }
        if (ex instanceof CriticalExposureException critical) {
            return " (--accept-risk " + critical.findings().stream().map(Finding::code).distinct()
                    .collect(Collectors.joining(",")) + ")";
        }
        if (ex instanceof GroupNotManagedException) {
            return " (--adopt)";
        }
        return "";
    }

    private static int report(CommandLine commandLine, int exitCode, String message, Throwable ex, int verbosity,
                              boolean json) {
        PrintWriter err = commandLine.getErr();
        err.println(PREFIX + message);
        if (verbosity > 0) {
            ex.printStackTrace(err);
        }
        err.flush();
        if (json) {
            PrintWriter out = commandLine.getOut();
            out.println(Json.write(Json.errorDocument(exitCode, message)));
            out.flush();
        }
        return exitCode;
    }

    /**
     * The exception's message and those of its causes that add something, on one line. Exceptions
     * without a message (a bug) are named by their class so that the line still says something.
     */
    static String describe(Throwable ex) {
        List<String> parts = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = ex; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                if (t == ex) {
                    parts.add(t.getClass().getName());
                }
                continue;
            }
            String line = oneLine(message);
            boolean known = parts.stream().anyMatch(p -> p.contains(line));
            if (!known) {
                parts.add(line);
            }
        }
        return String.join(": ", parts);
    }

    /** Collapses line breaks and runs of blanks, so that an error is always exactly one line. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static String helpHint(CommandLine commandLine) {
        return " (see '" + commandLine.getCommandSpec().qualifiedName() + " --help')";
    }

    private static boolean wantsJson(CommandLine commandLine, String[] args) {
        if (commandLine.getCommand() instanceof JsonOutput command && command.jsonOutput()) {
            return true;
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i].toLowerCase(Locale.ROOT);
            if (arg.equals("--output=json") || (arg.equals("--output") && i + 1 < args.length
                    && args[i + 1].equalsIgnoreCase("json"))) {
                return true;
            }
        }
        return false;
    }

    private static int verbosityIn(String[] args) {
        int count = 0;
        for (String arg : args) {
            if (arg.equals("--verbose")) {
                count++;
            } else if (arg.matches("-v+")) {
                count += arg.length() - 1;
            }
        }
        return count;
    }
}
