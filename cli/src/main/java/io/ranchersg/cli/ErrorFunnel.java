package io.ranchersg.cli;

import io.ranchersg.aws.RancherSgException;
import io.ranchersg.aws.RefusedException;
import io.ranchersg.core.reconcile.Refusal;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The one place where failures become output and exit codes. Every failure is one line on stderr,
 * {@code rancher-sg: <message>}, naming the bad value; usage errors add where to find help. The line
 * is {@linkplain #clean(String) clean}: control characters in a value are escaped, so a value never
 * drives the terminal, and every quoted value is cut to {@value #MAX_VALUE_LENGTH} characters, the
 * whole line to {@value #MAX_LINE_LENGTH}. With {@code -v} the stack trace follows. With {@code --output json}, stdout gets one JSON document
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
    /** The most characters of one quoted value an error line shows. */
    static final int MAX_VALUE_LENGTH = 64;
    /** The most characters of an error line, prefix and help hint aside. */
    static final int MAX_LINE_LENGTH = 1000;

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        // A parse error may come before the -v or --output flags were read, so look at the raw arguments.
        return report(commandLine, ExitCodes.USAGE, clean(ex.getMessage()) + helpHint(commandLine), ex,
                verbosityIn(args), wantsJson(commandLine, args));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        int verbosity = VerbosityMixin.of(parseResult);
        boolean json = wantsJson(commandLine, parseResult.originalArgs().toArray(String[]::new));
        // Every input is checked before any call (core's refusals arrive wrapped as UsageException), so an
        // IllegalArgumentException here comes from what AWS holds, not from the user: an error, not usage.
        if (ex instanceof UsageException) {
            return report(commandLine, ExitCodes.USAGE, clean(describe(ex)) + helpHint(commandLine), ex, verbosity,
                    json);
        }
        // The provisioner's exceptions say all there is in one line; their SDK causes only add noise (see -v).
        String message = ex instanceof RancherSgException ? oneLine(ex.getMessage()) + flagHint(ex) : describe(ex);
        return report(commandLine, ExitCodes.ERROR, clean(message), ex, verbosity, json);
    }

    /** The command-line flag that accepts each refusal a run option accepts, the library's words being generic. */
    private static final Map<Refusal.Code, String> ACCEPTED_BY = Map.of(
            Refusal.Code.NOT_MANAGED, "--adopt",
            Refusal.Code.RECONFIGURE, "--reconfigure",
            Refusal.Code.CRITICAL_EXPOSURE, "--accept-risk");

    /** The flags that say "go ahead all the same", when every refusal is one that a flag accepts. */
    private static String flagHint(Exception ex) {
        if (!(ex instanceof RefusedException refused) || !refused.acceptable()) {
            return "";
        }
        Set<String> flags = new LinkedHashSet<>();
        for (Refusal refusal : refused.refusals()) {
            String flag = ACCEPTED_BY.get(refusal.code());
            if (flag == null) {
                return "";
            }
            flags.add(refusal.code() == Refusal.Code.CRITICAL_EXPOSURE ? flag + " " + String.join(",", refused.risks())
                    : flag);
        }
        return " (" + String.join(", ", flags) + ")";
    }

    /** Prints a {@linkplain #clean(String) clean} message (with its help hint), and the JSON error document. */
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

    /**
     * Makes a message safe and short enough to print: one line, control and format characters
     * (ESC, bidirectional overrides) escaped by their code in hex ({@code \x1b} for ESC), each quoted value
     * longer than {@value #MAX_VALUE_LENGTH} characters cut with its length said, and the whole line
     * cut at {@value #MAX_LINE_LENGTH} characters.
     */
    static String clean(String message) {
        String line = oneLine(message);
        StringBuilder escaped = new StringBuilder(Math.min(line.length(), MAX_LINE_LENGTH * 2));
        line.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                escaped.append(c <= 0xff ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        Matcher quoted = QUOTED.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            String value = quoted.group(1);
            // Core cuts long values the same way (64 characters and "..."): those stay as they are.
            boolean shortEnough = value.length() <= MAX_VALUE_LENGTH
                    || (value.length() == MAX_VALUE_LENGTH + 3 && value.endsWith("..."));
            String shown = shortEnough ? quoted.group()
                    : "'" + value.substring(0, MAX_VALUE_LENGTH) + "...' (" + value.length() + " characters)";
            quoted.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        quoted.appendTail(out);
        return out.length() <= MAX_LINE_LENGTH ? out.toString()
                : out.substring(0, MAX_LINE_LENGTH) + "... (" + out.length() + " characters)";
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
