package io.ranchersg.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one benchmark run measured, for {@link ReportWriter}.
 *
 * @param options    how it was run
 * @param machine    where
 * @param method     how CPU time and peak memory were read
 * @param version    {@code rancher-sg --version}
 * @param started    when it started
 * @param finished   when it finished
 * @param calls      calls per operation
 * @param coldStart  the cold check and --version per JVM set-up
 * @param bareJvm    {@code java -version} with the tuned flags
 * @param classLoads where a check's classes come from, per archive
 * @param fleet      creating the multi-region scan's groups
 * @param scans      the multi-region scan per pool size
 * @param growth     the one-region scan per number of groups
 */
record Results(Options options, Machine machine, ProcessMeter.Method method, String version, Instant started,
               Instant finished, List<CallsPerOperation.Counted> calls, List<ColdStart.Result> coldStart,
               ColdStart.Figures bareJvm, List<ColdStart.ClassLoads> classLoads, Fleet.Creation fleet,
               List<Scans.ScanResult> scans, List<Growth.Step> growth) {

    Results {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(machine, "machine");
        calls = List.copyOf(calls);
        coldStart = List.copyOf(coldStart);
        classLoads = List.copyOf(classLoads);
        scans = List.copyOf(scans);
        growth = List.copyOf(growth);
    }

    Duration duration() {
        return Duration.between(started, finished);
    }

    /** Collects the parts as the run produces them. */
    static final class Builder {
        private final Options options;
        private final Machine machine;
        private final ProcessMeter.Method method;
        private final Instant started;
        private String version = "unknown";
        private List<CallsPerOperation.Counted> calls = List.of();
        private List<ColdStart.Result> coldStart = List.of();
        private ColdStart.Figures bareJvm;
        private final List<ColdStart.ClassLoads> classLoads = new ArrayList<>();
        private Fleet.Creation fleet;
        private final List<Scans.ScanResult> scans = new ArrayList<>();
        private List<Growth.Step> growth = List.of();

        Builder(Options options, Machine machine, ProcessMeter.Method method, Instant started) {
            this.options = options;
            this.machine = machine;
            this.method = method;
            this.started = started;
        }

        Builder version(String value) {
            version = value;
            return this;
        }

        Builder calls(List<CallsPerOperation.Counted> value) {
            calls = value;
            return this;
        }

        Builder coldStart(List<ColdStart.Result> value) {
            coldStart = value;
            return this;
        }

        Builder bareJvm(ColdStart.Figures value) {
            bareJvm = value;
            return this;
        }

        Builder classLoads(ColdStart.ClassLoads value) {
            classLoads.add(value);
            return this;
        }

        Builder fleet(Fleet.Creation value) {
            fleet = value;
            return this;
        }

        Builder scan(Scans.ScanResult value) {
            scans.add(value);
            return this;
        }

        Builder growth(List<Growth.Step> value) {
            growth = value;
            return this;
        }

        Results finished(Instant finished) {
            return new Results(options, machine, method, version, started, finished, calls, coldStart, bareJvm,
                    classLoads, fleet, scans, growth);
        }
    }
}
