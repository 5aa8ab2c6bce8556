package io.ranchersg.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.ranchersg.aws.Actions;
import io.ranchersg.aws.FleetAccount;
import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.Location;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.RancherSgException;
import io.ranchersg.aws.Review;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import io.ranchersg.cli.view.Prometheus;
import io.ranchersg.cli.view.ScanView;
import io.ranchersg.core.Findings;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Plan;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * serve's {@code /metrics} and {@code scan --prometheus-textfile} describe one scan with the same
 * families: the same names, help texts and label names, so that an alert rule written for one
 * holds for the other.
 */
class ServeFamiliesTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.250Z");
    private static final Pattern HELP = Pattern.compile("# HELP (\\S+) (.*)");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? \\S+");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    @Test
    void serveExposesTheTextfilesFamiliesWithTheirNamesHelpAndLabels() {
        ScanResult scan = scan();
        Prometheus.RunLabels run = new Prometheus.RunLabels("accounts.yml", "0/2");
        PassState state = new PassState();
        state.passFinished(scan, AT);

        String served = text(new PassCollector(state, run));
        String textfile = textfile(scan, run);

        Map<String, Set<List<String>>> servedFamilies = families(served);
        assertThat(servedFamilies).as("served families and their label names")
                .isEqualTo(families(textfile));
        assertThat(helps(served)).as("help texts").isEqualTo(helps(textfile));
        // What the comparison covers: every kind of family a scan writes, with labels that matter to alerts.
        assertThat(servedFamilies).containsKeys("rancher_sg_group_in_sync", "rancher_sg_group_exists",
                "rancher_sg_group_missing_rules", "rancher_sg_group_extra_rules", "rancher_sg_group_changed_rules",
                "rancher_sg_findings", "rancher_sg_group_check_success", "rancher_sg_account_scan_success",
                "rancher_sg_region_scan_success", "rancher_sg_check_success", "rancher_sg_check_timestamp_seconds");
        assertThat(servedFamilies.get("rancher_sg_group_in_sync"))
                .containsExactly(Prometheus.GROUP_LABELS.stream().sorted().toList());
        assertThat(servedFamilies.get("rancher_sg_findings").iterator().next())
                .contains("managed_by", "account_name", "profile", "severity", "code");
        assertThat(servedFamilies.get("rancher_sg_check_success")).containsExactly(List.of("accounts_file", "shard"));
        assertThat(textfile).as("the file's own label order").contains("rancher_sg_group_in_sync{account=\"111111111111\","
                + "account_name=\"prod\",region=\"us-east-1\",vpc_id=\"vpc-1\",group_id=\"sg-0sync\",group_name=\"web\","
                + "profile=\"rancher-nodes\",managed_by=\"rancher-sg\"} 1\n");
    }

    @Test
    void theSameSeriesCarryTheSameValues() {
        ScanResult scan = scan();
        PassState state = new PassState();
        state.passFinished(scan, AT);

        Set<String> served = series(text(new PassCollector(state, Prometheus.RunLabels.NONE)));
        Set<String> textfile = series(textfile(scan, Prometheus.RunLabels.NONE));

        // The timestamp is written with milliseconds in the file and as a double on a scrape.
        served.removeIf(s -> s.startsWith("rancher_sg_check_timestamp_seconds"));
        textfile.removeIf(s -> s.startsWith("rancher_sg_check_timestamp_seconds"));
        assertThat(served).isEqualTo(textfile).anyMatch(s -> s.contains("group_id=\"sg-0drift\"")
                && s.startsWith("rancher_sg_group_in_sync") && s.endsWith(" 0"));
    }

    @Test
    void beforeTheFirstPassNothingAboutGroupsIsExposed() {
        assertThat(text(new PassCollector(new PassState(), Prometheus.RunLabels.NONE))).doesNotContain("rancher_sg_");
    }

    private static ScanResult scan() {
        ScanTarget prod = new ScanTarget("111111111111", "prod", "us-east-1");
        ScanTarget prodWest = new ScanTarget("111111111111", "prod", "us-west-2");
        Rule ssh = Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("0.0.0.0/0"), "SSH");
        Plan clean = new Plan("web", List.of(), List.of(), List.of(), List.of(), false);
        Plan drifted = new Plan("web", List.of(ssh), List.of(), List.of(), List.of(), false);
        Outcome inSync = new Outcome(new Location("111111111111", "us-east-1", "vpc-1", "sg-0sync", "web"),
                "rancher-nodes", true, clean, Actions.NONE, clean.drift(), Review.NONE, Map.of());
        Outcome drift = new Outcome(new Location("111111111111", "us-east-1", "vpc-1", "sg-0drift", "db"),
                "rancher-nodes", true, drifted, Actions.NONE, drifted.drift(),
                new Review(Findings.of(List.of(ssh)), List.of()), Map.of());
        Outcome driver = new Outcome(new Location(null, "us-east-1", "vpc-1", "sg-0driver", "rancher-nodes"),
                "rancher-nodes", true, clean, Actions.NONE, clean.drift(), Review.NONE, Map.of());
        return new ScanResult(List.of(
                new ScanResult.Entry(prod, List.of(new GroupCheck.Checked(inSync), new GroupCheck.Checked(drift),
                        new GroupCheck.Checked(driver, GroupCheck.Maker.RANCHER_NODE_DRIVER)),
                        List.of(new GroupCheck.Unchecked("sg-0tags", "tags", "vpc-1", new Unreadable())), Map.of(),
                        null),
                new ScanResult.Entry(prodWest, List.of(), List.of(), Map.of(), new IllegalStateException("no answer"))),
                List.of(new ScanResult.AccountFailure(new FleetAccount("222222222222", "dev", List.of(), List.of()),
                        new IllegalStateException("refused"), Map.of())), Map.of());
    }

    /** What the collector gives the registry, as families of samples in the text format's shape. */
    private static String text(PassCollector collector) {
        StringBuilder out = new StringBuilder();
        for (MetricSnapshot snapshot : collector.collect()) {
            assertThat(snapshot).isInstanceOf(GaugeSnapshot.class);
            out.append("# HELP ").append(snapshot.getMetadata().getPrometheusName()).append(' ')
                    .append(snapshot.getMetadata().getHelp()).append('\n');
            for (GaugeSnapshot.GaugeDataPointSnapshot point : ((GaugeSnapshot) snapshot).getDataPoints()) {
                List<String> labels = new ArrayList<>();
                point.getLabels().forEach(l -> labels.add(l.getName() + "=\"" + l.getValue() + "\""));
                out.append(snapshot.getMetadata().getPrometheusName())
                        .append(labels.isEmpty() ? "" : "{" + String.join(",", labels) + "}")
                        .append(' ').append(point.getValue()).append('\n');
            }
        }
        return out.toString();
    }

    /** The textfile scan writes, through the view that writes it. */
    private static String textfile(ScanResult scan, Prometheus.RunLabels run) {
        return ScanView.of(scan, true, true, RuntimeException::getMessage).prometheus(AT, run);
    }

    /** Per family, the label names of its samples (sorted: the client writes them so, the file in its order). */
    private static Map<String, Set<List<String>>> families(String text) {
        Map<String, Set<List<String>>> families = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            List<String> names = new ArrayList<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
            names.sort(null);
            families.computeIfAbsent(m.group(1), k -> new TreeSet<>(ServeFamiliesTest::compare)).add(names);
        }
        return families;
    }

    private static Map<String, String> helps(String text) {
        Map<String, String> helps = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher m = HELP.matcher(line);
            if (m.matches() && families(text).containsKey(m.group(1))) {
                helps.put(m.group(1), m.group(2));
            }
        }
        return helps;
    }

    /** Every sample, labels sorted, its value as a number (the client writes {@code 1.0}, the file {@code 1}). */
    private static Set<String> series(String text) {
        Set<String> series = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int space = line.lastIndexOf(' ');
                Matcher m = SAMPLE.matcher(line);
                assertThat(m.matches()).as(line).isTrue();
                List<String> labels = new ArrayList<>();
                if (m.group(2) != null) {
                    Matcher label = LABEL.matcher(m.group(2));
                    while (label.find()) {
                        labels.add(label.group());
                    }
                }
                labels.sort(null);
                series.add(m.group(1) + labels + " " + (long) Double.parseDouble(line.substring(space + 1)));
            }
        }
        return series;
    }

    private static int compare(List<String> a, List<String> b) {
        return String.join(",", a).compareTo(String.join(",", b));
    }

    private static final class Unreadable extends RancherSgException {
        private static final long serialVersionUID = 1L;

        Unreadable() {
            super("tags cannot be read back");
        }
    }
}
