package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.Finding;
import io.ranchersg.core.Findings;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Roles;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Severity;
import io.ranchersg.core.Warning;
import io.ranchersg.core.reconcile.Refusal;
import org.junit.jupiter.api.Test;

/**
 * Rules naming a managed prefix list are judged by the list's blocks, read once per list: a list
 * holding the world is the world. A list that cannot be read is said to be not judged, never
 * guessed at.
 */
class PrefixListsTest extends OnTheTwin {

    private Rule etcdFrom(String prefixList) {
        return Rule.ingress(Protocol.TCP, PortRange.of(2379, 2380), Peer.prefixList(prefixList), BY_HAND);
    }

    @Test
    void aRuleFromAListHoldingBothHalvesOfTheWorldIsAWorldFinding() {
        String world = twin.addPrefixList("0.0.0.0/1", "128.0.0.0/1");
        String id = reconciler.ensure(request()).groupId();
        twin.addRule(id, etcdFrom(world));

        Outcome check = reconciler.check(request());

        assertThat(check.findings()).filteredOn(f -> f.code().equals(Findings.WORLD_OPEN_ETCD))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.rule().peer()).as("reported as the rule naming the list").isEqualTo(
                            Peer.prefixList(world));
                });
        assertThat(check.apiCalls()).as("the list read once").containsEntry("GetManagedPrefixListEntries", 1);
    }

    @Test
    void aListThatCannotBeReadIsNotJudgedAndSaysSo() {
        String world = twin.addPrefixList("0.0.0.0/0");
        String id = reconciler.ensure(request()).groupId();
        twin.addRule(id, etcdFrom(world));
        twin.deny("GetManagedPrefixListEntries");

        Outcome check = reconciler.check(request());

        assertThat(check.findings()).extracting(Finding::code).doesNotContain(Findings.WORLD_OPEN_ETCD);
        assertThat(check.warnings()).extracting(Warning::code).containsExactly(Warning.PREFIX_LIST_NOT_JUDGED);
        assertThat(check.warnings().get(0).message()).contains(world);
    }

    @Test
    void aPeerListHoldingTheWorldIsRefusedAsTheWorldWouldBe() {
        String world = twin.addPrefixList("0.0.0.0/0");
        GroupRequest etcd = GroupRequest.forProfile(Profiles.NODE_POOL_ETCD, ProfileOptions.defaults()
                .withGroupName("etcd").withPeer(Roles.RANCHER, "10.0.0.0/16").withPeer(Roles.CONTROLPLANE, world)
                .withPeer(Roles.WORKER, "10.2.0.0/16")).withVpcId(vpc);

        assertThatThrownBy(() -> reconciler.ensure(etcd)).as("etcd from a list holding the world")
                .is(refused(Refusal.Code.CRITICAL_EXPOSURE))
                .hasMessageContaining(Findings.WORLD_OPEN_ETCD);
        assertThat(twin.idOf("etcd", vpc)).as("nothing created").isEmpty();
    }

    @Test
    void aScanReadsEachListOnceForAllItsGroups() {
        String world = twin.addPrefixList("0.0.0.0/0");
        for (String group : new String[] {"a-nodes", "b-nodes"}) {
            String id = reconciler.ensure(GroupRequest.rancherNodes().withGroupName(group).withVpcId(vpc)).groupId();
            twin.addRule(id, etcdFrom(world));
        }

        var checks = reconciler.checkScanned(false);

        assertThat(checks).hasSize(2).allSatisfy(c -> assertThat(((GroupCheck.Checked) c).outcome().findings())
                .extracting(Finding::code).contains(Findings.WORLD_OPEN_ETCD));
        assertThat(twin.calls().calls()).containsEntry("GetManagedPrefixListEntries", 1);
    }
}
