package io.ranchersg.cli;

import io.ranchersg.aws.Rehearsal;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rancher-sg}: creates, repairs and guards the EC2 security groups Rancher clusters need.
 *
 * <p>Commands only parse, call core and the provisioner, and print through picocli's writers; all
 * failures go through {@link ErrorFunnel}. Tests call {@link #run(PrintWriter, PrintWriter, String...)},
 * which returns the exit code instead of exiting.
 */
@Command(name = "rancher-sg",
        description = "Creates, repairs and guards the EC2 security groups Rancher clusters need.",
        footer = "%nShell completion: source <(rancher-sg generate-completion)")
public final class Main implements Callable<Integer> {

    /** The heading of {@link #AWS_FOOTER}. */
    private static final String AWS_FOOTER_HEADING = "%nAWS access:%n";
    /** Where credentials, region and endpoint come from; in the help of every command that talks to AWS. */
    private static final String AWS_FOOTER = "Credentials and region come from the standard AWS chain (environment,"
            + " AWS_PROFILE, ~/.aws/config, instance and container roles); --region and --aws-profile override them."
            + " AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL point the EC2 and STS clients"
            + " elsewhere, as with the AWS CLI; --endpoint-url overrides them. --role-arn assumes a role (session"
            + " name rancher-sg) whose credentials are refreshed before they expire and never printed.";

    /** The commands, in the order help lists them ({@link #commandsFor} adds them). */
    static final List<Class<?>> COMMANDS = List.of(
            RulesCommand.class,
            PlanCommand.class,
            EnsureCommand.class,
            CheckCommand.class,
            VerifyCommand.class,
            ScanCommand.class,
            ServeCommand.class,
            StackCommand.class,
            DeleteCommand.class,
            ExportCommand.class,
            AutoComplete.GenerateCompletion.class);

    @Mixin
    VerbosityMixin verbosity;

    /**
     * Runs the command line and returns its exit code (see {@link ExitCodes}); never exits the JVM.
     * No colours, no progress, the process environment is not consulted.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(CliContext.plain(), out, err, args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)} with the given surroundings. */
    static int run(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(context, commandsFor(args));
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Runs the command line on the process's streams and exits with its code. */
    public static void main(String[] args) {
        if (rehearses(args) && Runtime.getRuntime().availableProcessors() > 1) {
            // Logging starts here, not on the rehearsal's thread: SLF4J hands a thread that asks while
            // another is starting it a stand-in that replays its calls later, with a warning on stderr.
            LoggerFactory.getILoggerFactory();
            Rehearsal.start(assumesRoles(args));
        }
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        System.exit(run(CliContext.fromProcess(), out, err, args));
    }

    /**
     * Whether a run rehearses its first calls ({@link Rehearsal}) while its command line is read: a
     * scan, unless it only asks for help or its version, or for logs (which would show the rehearsal's
     * calls as if they were made), or reads arguments from an {@code @file} (which may ask for logs).
     * With a single CPU there is nothing to overlap, and {@link #main} does not rehearse either.
     */
    static boolean rehearses(String... args) {
        String command = null;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--verbose") || arg.matches("-v+") || arg.equals("-h") || arg.equals("--help")
                    || arg.equals("-V") || arg.equals("--version") || arg.startsWith("@")) {
                return false;
            }
            if (command == null && !arg.startsWith("-")) {
                command = arg;
            }
        }
        return "scan".equals(command);
    }

    /** Whether the command line names roles to assume: an accounts file or {@code --role-arn}. */
    static boolean assumesRoles(String... args) {
        return names(args, "--accounts") || names(args, "--role-arn");
    }

    /** Whether the command line names {@code option}, as {@code --option value} or {@code --option=value}. */
    private static boolean names(String[] args, String option) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals(option) || arg.startsWith(option + "=")) {
                return true;
            }
        }
        return false;
    }

    /** The configured picocli command line with every command: factory, error funnel, logging, exit code lists. */
    static CommandLine commandLine(CliContext context) {
        return commandLine(context, COMMANDS);
    }

    /**
     * The commands a run needs. picocli builds its model of a command by reflection over the
     * command, its options and its mixins, which is much of a cold run's start; so a run that names a
     * command gets only that one (with its own subcommands). The help of rancher-sg itself, an unknown
     * name (whose error lists the known ones) and generate-completion (which covers them all) get every
     * command.
     */
    static List<Class<?>> commandsFor(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.startsWith("-")) {
                continue; // rancher-sg's own options (-v, --help, --version) take no value
            }
            for (Class<?> command : COMMANDS) {
                if (command != AutoComplete.GenerateCompletion.class
                        && command.getAnnotation(Command.class).name().equals(arg)) {
                    return List.of(command);
                }
            }
            break;
        }
        return COMMANDS;
    }

    /** The configured command line with {@code commands}, added before the settings they inherit. */
    static CommandLine commandLine(CliContext context, List<Class<?>> commands) {
        ErrorFunnel funnel = new ErrorFunnel();
        CommandLine commandLine = new CommandLine(new Main(), new Factory(context));
        commands.forEach(commandLine::addSubcommand);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(funnel)
                .setExecutionExceptionHandler(funnel)
                .setExecutionStrategy(parseResult -> {
                    Logging.configure(VerbosityMixin.of(parseResult));
                    return new CommandLine.RunLast().execute(parseResult);
                });
        configureHelp(commandLine);
        commandLine.setColorScheme(Help.defaultColorScheme(context.colour() ? Help.Ansi.ON : Help.Ansi.OFF));
        return commandLine;
    }

    /**
     * What every command's help shares, declared once here rather than on each {@code @Command}:
     * --help and --version, options in declaration order, the exit codes it can return, and for
     * commands that talk to AWS where credentials, region and endpoint come from.
     */
    private static void configureHelp(CommandLine commandLine) {
        String name = commandLine.getCommandName();
        boolean reportsDrift = name.equals("check") || name.equals("scan") || name.equals("rancher-sg");
        boolean verifies = name.equals("verify");
        // stack export is pure text generation; export itself reads EC2 with --import.
        boolean talksToAws = !name.equals("rules") && !name.equals("generate-completion")
                && !commandLine.getCommandSpec().qualifiedName().equals("rancher-sg stack export");
        // "stack check" reports drift like check; "stack" itself only groups the stack commands.
        CommandSpec spec = commandLine.getCommandSpec();
        spec.mixinStandardHelpOptions(true);
        spec.versionProvider(new VersionProvider());
        spec.usageMessage().sortOptions(false);
        if (talksToAws) {
            String[] own = spec.usageMessage().footer();
            String[] footer = new String[own.length + 1];
            footer[0] = AWS_FOOTER;
            System.arraycopy(own, 0, footer, 1, own.length);
            spec.usageMessage().footerHeading(AWS_FOOTER_HEADING).footer(footer);
        }
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(ExitCodes.OK), verifies ? "every requirement is covered"
                : reportsDrift && !name.equals("rancher-sg") ? "every group is in sync" : "success");
        codes.put(Integer.toString(ExitCodes.ERROR), name.equals("scan")
                ? "error: an account, a region or a group could not be read (the rest is still reported), a file"
                        + " could not be written"
                : talksToAws ? "error: AWS refused or could not be reached, a role could not be assumed, a file could"
                        + " not be written"
                : "error");
        if (reportsDrift) {
            codes.put(Integer.toString(ExitCodes.DRIFT), name.equals("rancher-sg")
                    ? "check and scan: drift found" : "drift found: rules missing, extra or changed, or no group");
        }
        if (verifies) {
            codes.put(Integer.toString(ExitCodes.DRIFT), "a requirement is not covered, or no such group");
        }
        codes.put(Integer.toString(ExitCodes.USAGE), talksToAws
                ? "bad usage or invalid input; nothing was sent to AWS" : "bad usage or invalid input");
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        commandLine.getSubcommands().values().forEach(Main::configureHelp);
    }

    @Override
    public Integer call() {
        List<String> names = COMMANDS.stream().filter(c -> c != AutoComplete.GenerateCompletion.class)
                .map(c -> c.getAnnotation(Command.class).name()).toList();
        throw new UsageException("a command is required: " + String.join(", ", names.subList(0, names.size() - 1))
                + " or " + names.get(names.size() - 1));
    }

    /** Creates commands and mixins, handing the {@link CliContext} to those that take one. */
    private static final class Factory implements CommandLine.IFactory {
        private final CliContext context;

        Factory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
