package io.ranchersg.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cold {@code rancher-sg check --vpc-id VPC} side by side with the AWS CLI reading the same group
 * ({@code aws ec2 describe-security-groups} filtered by group name and VPC), the command a scheduled
 * drift check would otherwise be scripted with. The AWS CLI only reads; rancher-sg reads, diffs,
 * checks findings and reports. The two run in turn, one warm-up each, the order swapped every
 * round, so that the emulator's and the machine's load falls on both alike; ratios are taken pair
 * by pair (run i of rancher-sg over run i of the AWS CLI) and their median reported.
 */
final class AwsCliComparison {

    /** rancher-sg's goal against the AWS CLI: wall and CPU as ratios, peak memory in MiB. */
    static final double WALL_GOAL = 0.9;
    static final double CPU_GOAL = 1.2;
    static final double PEAK_GOAL_MIB = 100;

    /**
     * One process, measured by GNU time (CPU and peak memory from the kernel's accounting).
     *
     * @param wallSeconds start to exit
     * @param cpuSeconds  user and system time
     * @param peakMiB     peak resident memory
     */
    record Run(double wallSeconds, double cpuSeconds, double peakMiB) {
    }

    /**
     * The load average over one minute, read from /proc/loadavg, or -1 where there is none.
     *
     * @param before when the measurement started
     * @param after  when it ended
     */
    record Load(double before, double after) {
    }

    /**
     * What was measured.
     *
     * @param vpcId     the VPC the group is in
     * @param awsCli    the AWS CLI's version line
     * @param rancherSg rancher-sg's runs, in order
     * @param aws       the AWS CLI's runs, in order, paired with rancher-sg's
     * @param load      the machine's load around the measurement
     */
    record Result(String vpcId, String awsCli, List<Run> rancherSg, List<Run> aws, Load load) {

        Result {
            rancherSg = List.copyOf(rancherSg);
            aws = List.copyOf(aws);
            if (rancherSg.isEmpty() || rancherSg.size() != aws.size()) {
                throw new IllegalArgumentException("runs must pair up: " + rancherSg.size() + " and " + aws.size());
            }
        }

        /** One tool's figure over its runs. */
        static Sample of(List<Run> runs, ToDoubleFunction<Run> figure) {
            return Sample.of(runs.stream().map(figure::applyAsDouble).toList());
        }

        /** rancher-sg's figure over the AWS CLI's, run by run. */
        Sample ratio(ToDoubleFunction<Run> figure) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < rancherSg.size(); i++) {
                ratios.add(figure.applyAsDouble(rancherSg.get(i)) / figure.applyAsDouble(aws.get(i)));
            }
            return Sample.of(ratios);
        }

        /** Whether the medians meet the goal, and if not, which figures miss it. */
        List<String> missed() {
            List<String> missed = new ArrayList<>();
            if (ratio(Run::wallSeconds).median() > WALL_GOAL) {
                missed.add("wall");
            }
            if (ratio(Run::cpuSeconds).median() > CPU_GOAL) {
                missed.add("CPU");
            }
            if (of(rancherSg, Run::peakMiB).median() > PEAK_GOAL_MIB) {
                missed.add("peak memory");
            }
            return missed;
        }
    }

    private final Cli cli;
    private final Path awsCli;
    private final String region;
    private final Consumer<String> progress;

    AwsCliComparison(Cli cli, Path awsCli, String region, Consumer<String> progress) {
        this.cli = cli;
        this.awsCli = awsCli;
        this.region = region;
        this.progress = progress;
    }

    /**
     * Runs both {@code runs} times after a warm-up, in turn.
     *
     * @param vpcId a VPC holding an in-sync {@code rancher-nodes} group
     * @throws IllegalStateException when a run does not exit 0
     */
    Result measure(String vpcId, int runs) {
        Cli.Run versionRun = awsCli(List.of("--version"));
        // "aws-cli/1.44.24 Python/3.11.7 Linux/... botocore/1.42.34", on stderr from the AWS CLI v1: the
        // versions of the CLI, its interpreter and botocore, without the machine's.
        String version = Stream.of((versionRun.stdout() + " " + versionRun.stderr()).strip().split("\\s+"))
                .filter(t -> t.startsWith("aws-cli/") || t.startsWith("Python/") || t.startsWith("botocore/"))
                .collect(Collectors.joining(" "));
        List<String> read = List.of("ec2", "describe-security-groups", "--filters",
                "Name=group-name,Values=rancher-nodes", "Name=vpc-id,Values=" + vpcId);
        double loadBefore = loadAverage();
        List<Run> ours = new ArrayList<>();
        List<Run> theirs = new ArrayList<>();
        for (int round = 0; round <= runs; round++) {
            Run a;
            Run b;
            if (round % 2 == 0) {
                a = rancherSg(vpcId);
                b = measured(awsCli(read));
            } else {
                b = measured(awsCli(read));
                a = rancherSg(vpcId);
            }
            if (round > 0) { // round 0 warms the page cache and the emulator
                ours.add(a);
                theirs.add(b);
            }
            progress.accept("beside the AWS CLI: round " + round + "/" + runs + " done");
        }
        return new Result(vpcId, version, ours, theirs, new Load(loadBefore, loadAverage()));
    }

    private Run rancherSg(String vpcId) {
        return measured(cli.runTimed(region, Map.of(), "check", "--vpc-id", vpcId));
    }

    private Cli.Run awsCli(List<String> args) {
        List<String> command = new ArrayList<>(List.of(awsCli.toString()));
        command.addAll(args);
        return cli.execTimed(command, region);
    }

    private static Run measured(Cli.Run run) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException("exit " + run.exitCode() + ": " + run.stderr().strip());
        }
        return new Run(run.wallSeconds(), run.cpuSeconds(), run.peakKiB() / 1024.0);
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
