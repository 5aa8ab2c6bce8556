package io.ranchersg.cli.view;

import static io.ranchersg.cli.view.Words.plural;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A scan: every group checked, as the check prints it, then one summary line; what could not be
 * read is said on stderr, one line each, and the rest is still reported.
 */
public final class ScanView implements CheckView {

    private final ScanResult result;
    private final boolean fleet;
    private final boolean driverGroups;
    private final List<ScanError> errors;

    private ScanView(ScanResult result, boolean fleet, boolean driverGroups, List<ScanError> errors) {
        this.result = result;
        this.fleet = fleet;
        this.driverGroups = driverGroups;
        this.errors = errors;
    }

    /**
     * @param fleet        whether the scan read the accounts of an accounts file: then the summary counts them
     * @param driverGroups whether the groups Rancher's node driver made were looked for too
     * @param describe     a failure in one line, as the CLI words every error
     */
    public static ScanView of(ScanResult result, boolean fleet, boolean driverGroups,
                              Function<RuntimeException, String> describe) {
        return new ScanView(result, fleet, driverGroups, ScanError.of(result, describe));
    }

    /**
     * The accounts (each with the regions scanned, or {@code "reached": false}), the regions, every
     * group checked with its account and maker, and what could not be read.
     */
    @Override
    public ObjectNode document() {
        ObjectNode doc = JsonShapes.document();
        doc.put("command", "scan");
        doc.put("in_sync", inSync() && errors.isEmpty());
        ArrayNode accounts = doc.putArray("accounts");
        Map<String, ObjectNode> byAccount = new LinkedHashMap<>();
        for (ScanTarget target : result.targets()) {
            byAccount.computeIfAbsent(target.accountId() + "/" + target.accountName(), key -> {
                ObjectNode node = accounts.addObject();
                node.put("account_id", target.accountId());
                node.put("account_name", target.accountName());
                node.put("reached", true);
                node.putArray("regions");
                return node;
            }).withArray("regions").add(target.region());
        }
        for (ScanResult.AccountFailure failure : result.failedAccounts()) {
            ObjectNode node = accounts.addObject();
            node.put("account_id", failure.account().id());
            node.put("account_name", failure.account().name());
            node.put("reached", false);
            node.putArray("regions");
        }
        ArrayNode regions = doc.putArray("regions");
        new LinkedHashSet<>(result.targets().stream().map(ScanTarget::region).toList()).forEach(regions::add);
        ArrayNode groups = doc.putArray("groups");
        for (ScanResult.Entry entry : result.entries()) {
            for (GroupCheck.Checked checked : entry.checked()) {
                ObjectNode node = GroupView.entry(checked.outcome(), false, entry.target().accountName(),
                        checked.madeBy().label());
                if (checked.stack() != null) {
                    ObjectNode stack = node.putObject("stack");
                    stack.put("cluster", checked.stack().cluster());
                    stack.put("layout", checked.stack().layout());
                    stack.put("role", checked.stack().role());
                }
                groups.add(node);
            }
        }
        ArrayNode array = doc.putArray("errors");
        for (ScanError error : errors) {
            ObjectNode node = array.addObject();
            node.put("account_id", error.accountId());
            node.put("account_name", error.accountName());
            node.put("region", error.region());
            if (error.groupId() != null) {
                node.put("group_id", error.groupId());
                node.put("group_name", error.groupName());
            }
            node.put("message", error.message());
        }
        doc.set("api_calls", JsonShapes.apiCalls(result.apiCalls()));
        return doc;
    }

    /** The groups' checks, then the summary line, ended as {@code println} ends a line. */
    @Override
    public String text(Style style) {
        return GroupText.check(result.outcomes(), style) + summary() + System.lineSeparator();
    }

    /** {@code Scanned 2 accounts, 3 account-regions: 4 groups, 3 in sync, 1 with drift, 1 region failed.} */
    private String summary() {
        List<Outcome> outcomes = result.outcomes();
        long inSync = outcomes.stream().filter(Outcome::inSync).count();
        long accountCount = result.targets().stream().map(ScanTarget::accountId).distinct().count()
                + result.failedAccounts().size();
        StringBuilder line = new StringBuilder("Scanned ");
        if (fleet) {
            line.append(plural((int) accountCount, "account")).append(", ");
        }
        line.append(plural(result.targets().size(), fleet ? "account-region" : "region"))
                .append(": ")
                .append(outcomes.isEmpty() ? "no security groups managed by rancher-sg"
                        + (driverGroups ? " or made by Rancher's node driver" : "")
                        : plural(outcomes.size(), "group") + ", " + inSync + " in sync, "
                                + (outcomes.size() - inSync) + " with drift");
        long failedAccounts = errors.stream().filter(e -> e.region() == null).count();
        long failedRegions = errors.stream().filter(e -> e.region() != null && e.groupId() == null).count();
        long failedGroups = errors.size() - failedRegions - failedAccounts;
        if (failedGroups > 0) {
            line.append(", ").append(plural((int) failedGroups, "group")).append(" could not be checked");
        }
        if (failedRegions > 0) {
            line.append(", ").append(plural((int) failedRegions, "region")).append(" failed");
        }
        if (failedAccounts > 0) {
            line.append(", ").append(plural((int) failedAccounts, "account")).append(" could not be reached");
        }
        return line.append('.').toString();
    }

    /**
     * Every group it checked, whether each account was reached and each region read, and which
     * groups could not be checked; the check succeeded only when nothing failed.
     */
    @Override
    public List<Outcome> outcomes() {
        return result.outcomes();
    }

    @Override
    public String prometheus(Instant at, Prometheus.RunLabels labels) {
        return Prometheus.scan(result, at, labels);
    }

    /** Whether every group checked is in sync; what could not be checked is in {@link #errors()}. */
    @Override
    public boolean inSync() {
        return result.outcomes().stream().allMatch(Outcome::inSync);
    }

    @Override
    public List<String> errors() {
        return errors.stream().map(ScanError::line).toList();
    }
}
