package io.ranchersg.aws;

import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PrefixLists;
import io.ranchersg.core.Rule;
import io.ranchersg.core.reconcile.Observation;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.ObservedVpc;
import io.ranchersg.core.reconcile.Refusal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The observe step: one read of what a run needs, as an {@link Observation}. The groups and every
 * group they name come in one read; peer ids, when there are any, in one more; the VPC is described
 * only when a group is missing (its IPv6 block decides a new group's outbound rules, and reading it
 * refuses an unknown VPC id even where CreateSecurityGroup would not).
 */
final class Observer {

    private final Ec2Gateway ec2;

    Observer(Ec2Gateway ec2) {
        this.ec2 = ec2;
    }

    /**
     * What EC2 holds for these specs in that VPC, with the entries of the prefix lists they and the
     * groups name.
     *
     * @param vpcId the VPC, or {@code null} for the region's default VPC
     * @throws RefusedException when there is no such VPC
     */
    Observation observe(List<GroupSpec> specs, String vpcId) {
        ObservedVpc vpc = vpcId == null ? defaultVpc() : ObservedVpc.known(vpcId);
        Set<String> names = new LinkedHashSet<>();
        Set<String> ids = new TreeSet<>();
        specs.forEach(spec -> names.add(spec.name()));
        for (GroupSpec spec : specs) {
            for (Rule rule : spec.rules()) {
                if (rule.peer() instanceof Peer.NamedGroup named) {
                    names.add(named.name());
                } else if (rule.peer() instanceof Peer.Group group) {
                    ids.add(group.groupId());
                }
            }
        }
        Map<String, ObservedGroup> groups = ec2.groupsByName(names, vpc.id());
        Set<String> missingIds = new TreeSet<>(ids);
        if (!ids.isEmpty()) {
            missingIds.removeAll(ec2.existingIds(ids));
        }
        if (!vpc.described() && specs.stream().anyMatch(spec -> !groups.containsKey(spec.name()))) {
            vpc = ec2.vpc(vpc.id()).orElseThrow(() -> new RefusedException(Refusal.of(Refusal.Code.VPC_NOT_FOUND,
                    "", "the VPC '" + vpcId + "' does not exist " + ec2.where())));
        }
        List<Rule> rules = new ArrayList<>();
        specs.forEach(spec -> rules.addAll(spec.rules()));
        groups.values().forEach(group -> rules.addAll(group.rules()));
        return new Observation(vpc, groups, missingIds, prefixLists(rules));
    }

    /** The entries of every prefix list the rules name, one read per list; lists that cannot be read are left out. */
    PrefixLists prefixLists(Collection<Rule> rules) {
        Map<String, List<Peer.Cidr>> entries = new TreeMap<>();
        for (String id : PrefixLists.named(rules)) {
            ec2.prefixListEntries(id).ifPresent(blocks -> entries.put(id, blocks));
        }
        return new PrefixLists(entries);
    }

    /** The VPC, or the region's default VPC when none is given. */
    String vpcId(String vpcId) {
        return vpcId != null ? vpcId : defaultVpc().id();
    }

    private ObservedVpc defaultVpc() {
        return ec2.defaultVpc().orElseThrow(() -> new RefusedException(Refusal.of(Refusal.Code.VPC_NOT_FOUND, "",
                "the region " + ec2.region() + " has no default VPC: give the VPC id")));
    }
}
