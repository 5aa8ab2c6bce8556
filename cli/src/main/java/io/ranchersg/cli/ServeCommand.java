package io.ranchersg.cli;

import io.ranchersg.aws.AssumedRole;
import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.FleetAccount;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.RecordedRepair;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import io.ranchersg.aws.Scanner;
import io.ranchersg.cli.serve.Guard;
import io.ranchersg.cli.serve.HttpEndpoints;
import io.ranchersg.cli.serve.Interval;
import io.ranchersg.cli.serve.ListenAddress;
import io.ranchersg.cli.serve.ServeMetrics;
import io.ranchersg.cli.serve.SqsEvents;
import io.ranchersg.cli.serve.StopSignals;
import io.ranchersg.cli.view.ScanView;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code rancher-sg serve}: the guard as a long-running service. It reads the scope {@code scan}
 * reads, through the same {@link Scanner}, every {@code --interval}; answers Prometheus on
 * {@code /metrics} with health, readiness and the last pass beside it ({@link HttpEndpoints}); with
 * {@code --events-queue}, re-checks the groups CloudTrail says were touched; with {@code --repair},
 * puts drifted groups back. The loop itself is {@link Guard}; this command only checks the options,
 * builds the edges (scanner, queue, repair, server) and waits for a stop signal.
 */
@Command(name = "serve", description = {"Guard continuously: scan every interval, serve /metrics, re-check on events.",
            "Reads what scan reads (the same options choose the regions and accounts) every --interval, and"
                + " answers on --listen: /metrics (Prometheus), /healthz, /readyz, /status (the last pass as"
                + " scan --output json prints it).",
            "With --events-queue, long-polls an SQS queue of CloudTrail security-group calls (an EventBridge rule's"
                + " target) and re-checks each group touched within seconds. With --repair, a drifted group"
                + " rancher-sg made is repaired as ensure would from what its tags record (at most once per"
                + " group per 10 s).",
            "Runs until SIGTERM or SIGINT, then finishes the call in flight and exits 0 within 10 s."
                + " Logs one line per pass and per event on stderr."})
final class ServeCommand extends AwsCommand {

    /** How long a stop may take: under the 10 s promised, the JVM's own exit included. */
    static final Duration STOP_WITHIN = Duration.ofSeconds(8);

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ScanCommand.Regions regions;

    @Mixin
    FleetMixin fleet;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    FleetMixin.Shards shards;

    @Option(names = "--include-driver-groups",
            description = "Also check the groups Rancher's EC2 node driver made (never repaired).")
    boolean driverGroups;

    @Option(names = "--include-default-groups",
            description = "Also judge the default group of every VPC (never repaired).")
    boolean defaultGroups;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "8",
            description = "Account-regions read at once, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int parallelism = 8;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5m",
            description = "Time between passes, such as 30s, 5m or 1h, each wait within ±10 % (default:"
                    + " ${DEFAULT-VALUE}).")
    String interval = "5m";

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + ListenAddress.DEFAULT_PORT,
            description = "Where the HTTP endpoints listen (default: ${DEFAULT-VALUE}; 0.0.0.0:"
                    + ListenAddress.DEFAULT_PORT + " in a container).")
    String listen = "127.0.0.1:" + ListenAddress.DEFAULT_PORT;

    @Option(names = "--events-queue", paramLabel = "URL",
            description = "SQS queue of CloudTrail security-group calls to re-check on (endpoint:"
                    + " AWS_ENDPOINT_URL_SQS, then AWS_ENDPOINT_URL; --endpoint-url sets it too).")
    String eventsQueue;

    @Option(names = "--repair", description = "Repair drifted groups rancher-sg made, as ensure would (default:"
            + " detect only). Missing rules are added; extra ones revoked only with --prune.")
    boolean repair;

    @Option(names = "--prune", description = "With --repair: also revoke rules the recorded profile does not list.")
    boolean prune;

    @Option(names = "--accept-risk", paramLabel = "CODE|SEVERITY", split = ",",
            description = "With --repair: write rules with these critical findings all the same (refused by default).")
    List<String> acceptedRisks = new ArrayList<>();

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Log lines as text or json (one JSON object per line, for log pipelines; default:"
                    + " ${DEFAULT-VALUE}).")
    ServeLogging.Format logFormat = ServeLogging.Format.TEXT;

    private Interval every;
    private ListenAddress address;
    private List<FleetAccount> accounts;
    private List<String> listed;
    private URI sqsEndpoint;

    ServeCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        try {
            every = Interval.parse(interval);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--interval", e);
        }
        try {
            address = ListenAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--listen", e);
        }
        if (parallelism < 1 || parallelism > Scanner.MAX_PARALLELISM) {
            throw new UsageException("--parallelism: " + parallelism + " is out of range 1.." + Scanner.MAX_PARALLELISM);
        }
        if (!repair && (prune || !acceptedRisks.isEmpty())) {
            throw new UsageException((prune ? "--prune" : "--accept-risk") + ": applies to repairs: give --repair too");
        }
        ChangeMixin.accepted(acceptedRisks);
        if (regions != null && regions.regions != null) {
            listed = regions.regions.stream().map(String::strip).toList();
            listed.forEach(region -> AwsMixin.checkRegion("--regions", region));
        }
        accounts = fleet.accounts(shards, context.env(), settings.account(), listed, regions != null && regions.all);
        if (eventsQueue != null) {
            AwsMixin.checkEndpoint("--events-queue", eventsQueue);
            sqsEndpoint = aws.endpointUrl != null ? settings.endpoint() : sqsEndpoint();
        }
    }

    /** AWS_ENDPOINT_URL_SQS, then AWS_ENDPOINT_URL, as the SDK and the AWS CLI read them. */
    private URI sqsEndpoint() {
        if ("true".equalsIgnoreCase(context.env().getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ""))) {
            return null;
        }
        for (String variable : List.of("AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL")) {
            String value = context.env().get(variable);
            if (value != null && !value.isBlank()) {
                return AwsMixin.checkEndpoint(variable, value.strip());
            }
        }
        return null;
    }

    @Override
    int execute() {
        ServeLogging.configure(logFormat, VerbosityMixin.of(spec.commandLine().getParseResult()));
        Scanner scanner = new Scanner(settings, parallelism).withDriverGroups(driverGroups)
                .withDefaultGroups(defaultGroups);
        ServeMetrics metrics = new ServeMetrics();
        SqsEvents events = eventsQueue == null ? null : openQueue();
        try {
            Guard guard = new Guard(new ScanScope(scanner), events, repair ? this::repair : null, prune, every,
                    context.clock(), metrics, fleet.runLabels(shards, context.env()),
                    e -> ErrorFunnel.clean(ErrorFunnel.describe(e)));
            StopSignals signals = StopSignals.install(guard::stop);
            try (HttpEndpoints http = listen(metrics, guard)) {
                // Through the log, so that under --log-format json every line of stderr is JSON.
                LoggerFactory.getLogger(ServeLogging.SERVE).info("listening on {}:{} (/metrics, /healthz, /readyz,"
                        + " /status), a pass every {}{}{}", address.host(), http.port(), interval,
                        events == null ? "" : ", events from " + eventsQueue, repair ? ", repairing" : "");
                guard.run(STOP_WITHIN);
            } finally {
                signals.close();
            }
            return ExitCodes.OK;
        } finally {
            if (events != null) {
                events.close();
            }
        }
    }

    private HttpEndpoints listen(ServeMetrics metrics, Guard guard) {
        try {
            return HttpEndpoints.start(address, metrics, guard, () -> guard.last().map(result -> Json.write(
                    ScanView.of(result, accounts != null, driverGroups,
                            e -> ErrorFunnel.clean(ErrorFunnel.describe(e))).document())));
        } catch (IOException e) {
            throw new IllegalStateException("--listen: cannot listen on '" + address + "': " + e.getMessage());
        }
    }

    /** The queue, checked once: an unreachable one stops serve before it starts. */
    private SqsEvents openQueue() {
        String region = settings.region() != null ? settings.region() : regionOfQueue(eventsQueue);
        try {
            return SqsEvents.open(eventsQueue, region, sqsEndpoint, Ec2Session.ownCredentials(settings));
        } catch (SdkException e) {
            throw new IllegalStateException("--events-queue: cannot read '" + eventsQueue + "': "
                    + ErrorFunnel.describe(e));
        }
    }

    /** The region of {@code https://sqs.eu-west-1.amazonaws.com/...}; else the usage error that asks for one. */
    private static String regionOfQueue(String url) {
        String host = URI.create(url).getHost();
        String[] parts = host.split("\\.");
        if (parts.length > 2 && parts[0].equals("sqs")) {
            return parts[1];
        }
        throw new UsageException("--events-queue: no region in '" + url + "': give --region or set AWS_REGION");
    }

    /** A drifted group rancher-sg made, ensured in its account and region as its tags record. */
    private Optional<Outcome> repair(ScanTarget target, Outcome group) {
        List<AssumedRole> chain = new ArrayList<>(settings.roles());
        if (accounts != null) {
            accounts.stream().filter(a -> a.id().equals(target.accountId())).findFirst()
                    .ifPresent(a -> chain.addAll(a.roles()));
        }
        try (Ec2Session session = Ec2Session.open(settings.withRoles(chain).withRegion(target.region()))) {
            return new RecordedRepair(prune, ChangeMixin.accepted(acceptedRisks))
                    .repair(session, group.groupName(), group.vpcId());
        }
    }

    /** The scope of scan: the accounts of the file, the regions listed, every region enabled, or the home one. */
    private final class ScanScope implements Guard.Scope {
        private final Scanner scanner;

        ScanScope(Scanner scanner) {
            this.scanner = scanner;
        }

        @Override
        public ScanResult pass() {
            if (accounts != null) {
                return scanner.scanAccounts(accounts);
            }
            if (listed != null) {
                return scanner.scan(listed);
            }
            return regions != null && regions.all ? scanner.scanEnabledRegions() : scanner.scanHomeRegion();
        }

        @Override
        public Optional<ScanResult> recheck(String account, String region) {
            if (accounts != null) {
                return accounts.stream().filter(a -> a.id().equals(account)).findFirst()
                        .filter(a -> a.regions().isEmpty() || a.regions().contains(region))
                        .map(a -> scanner.scanAccounts(List.of(new FleetAccount(a.id(), a.name(), a.roles(),
                                List.of(region)))));
            }
            String own = settings.account();
            if (own != null && !own.equals(account)) {
                return Optional.empty();
            }
            if (listed != null && !listed.contains(region)) {
                return Optional.empty();
            }
            if (listed == null && !(regions != null && regions.all) && settings.region() != null
                    && !settings.region().equals(region)) {
                return Optional.empty();
            }
            return Optional.of(scanner.scan(List.of(region)));
        }
    }
}
