package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.ObservedVpc;
import io.ranchersg.core.reconcile.Refusal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Ec2Gateway} must do, as EC2 does it: {@link SecurityGroupApi} against an
 * emulator ({@code SecurityGroupApiContractIT}) and the in-memory twin ({@code InMemoryEc2ContractTest})
 * both pass it, so that what the reconciler's unit tests learn on the twin holds for EC2.
 *
 * <p>The tests reach EC2 only through the gateway, except for what it cannot do: make a VPC and a
 * network interface. Every name is new, so that tests sharing one emulator stay apart. Where an
 * emulator differs from EC2, its test class overrides the test concerned, says how it differs, and
 * asserts what it does instead.
 */
abstract class Ec2GatewayContract {

    /** An id of EC2's form that names no group. */
    static final String UNKNOWN_GROUP = "sg-0123456789abcdef0";
    /** Tags of a group no tool claims: the gateway tags a group in its create call, which takes one tag at least. */
    static final Map<String, String> PLAIN = Map.of("purpose", "gateway contract");
    static final Rule SSH = tcp(22, "10.0.0.0/8", "ssh");
    static final Rule HTTP = tcp(80, "10.0.0.0/8", "http");
    static final Rule IPV6_HTTPS = Rule.ingress(Protocol.TCP, PortRange.of(443), Peer.cidr("::/0"), "");

    /** The gateway under test: the same one for the whole test. */
    protected abstract Ec2Gateway gateway();

    /** A new VPC, with an IPv6 block or not, made without the gateway; its id. */
    protected abstract String newVpc(boolean ipv6);

    /** A network interface using the group, which is in the default VPC, made without the gateway; its id. */
    protected abstract String attachInterface(String groupId);

    /** Deletes a network interface that {@link #attachInterface} made. */
    protected abstract void detachInterface(String interfaceId);

    /** A managed prefix list holding these blocks, made outside the gateway; returns its id. */
    protected abstract String newPrefixList(String... blocks);

    // ---------------------------------------------------------------------------------------------
    // Names and VPCs

    @Test
    void findsGroupsByExactNameOnlyTakingWildcardsLiterally() {
        String base = unique("exact");
        String vpc = defaultVpc();
        String a = create(base + "-a", vpc);
        create(base + "-ab", vpc);

        assertThat(gateway().groupsByName(List.of(base + "-?", base + "-*", base + "-a"), vpc))
                .as("only the exact name matches").containsOnlyKeys(base + "-a")
                .extractingByKey(base + "-a").extracting(ObservedGroup::id).isEqualTo(a);

        String starred = create(base + "-*", vpc);
        assertThat(gateway().groupsByName(List.of(base + "-*"), vpc)).as("the group named with a star")
                .containsOnlyKeys(base + "-*").extractingByKey(base + "-*").extracting(ObservedGroup::id)
                .isEqualTo(starred);
    }

    @Test
    void findsGroupsByNameInTheGivenVpcOnly() {
        String name = unique("vpcs");
        String other = newVpc(false);
        String inDefault = create(name, defaultVpc());
        String inOther = create(name, other);

        assertThat(inOther).as("the same name in another VPC is another group").isNotEqualTo(inDefault);
        assertThat(gateway().groupsByName(List.of(name, unique("absent")), other)).as("found in the other VPC")
                .containsOnlyKeys(name).extractingByKey(name).satisfies(g -> {
                    assertThat(g.id()).as("id").isEqualTo(inOther);
                    assertThat(g.vpcId()).as("VPC").isEqualTo(other);
                });
    }

    @Test
    void aNameTakenInTheVpcIsNotCreatedAgain() {
        String name = unique("dup");
        String vpc = defaultVpc();
        String first = create(name, vpc);

        assertThat(gateway().create(spec(name, PLAIN), vpc, false)).as("create of a taken name").isEmpty();
        assertThat(gateway().groupsByName(List.of(name), vpc)).as("still the first group only")
                .extractingByKey(name).extracting(ObservedGroup::id).isEqualTo(first);
    }

    @Test
    void aNewGroupHasItsTagsAndOnlyEc2sOutboundRule() {
        String name = unique("new");
        String vpc = newVpc(false);
        String id = create(name, vpc, Map.of("team", "blue", GroupTags.MANAGED_BY, GroupTags.MANAGER));

        ObservedGroup group = read(id);
        assertThat(id).as("EC2's id form").matches("sg-[0-9a-f]{17}");
        assertThat(group.name()).as("name").isEqualTo(name);
        assertThat(group.vpcId()).as("VPC").isEqualTo(vpc);
        assertThat(group.tags()).as("tags written in the create call")
                .containsEntry("team", "blue").containsEntry(GroupTags.MANAGED_BY, GroupTags.MANAGER);
        assertThat(group.rules()).as("all traffic out to 0.0.0.0/0, nothing else")
                .containsExactly(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, ""));
    }

    @Test
    void aNewGroupInAVpcWithAnIpv6BlockAlsoSendsAllTrafficOutToIpv6() {
        String id = create(unique("new6"), newVpc(true));

        assertThat(read(id).rules()).as("EC2's outbound rules in a VPC with an IPv6 block")
                .containsExactlyInAnyOrder(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, ""),
                        Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, ""));
    }

    @Test
    void aGroupIsCreatedWithItsTagsOrNotAtAll() {
        String name = unique("untagged");
        String vpc = defaultVpc();

        assertThatThrownBy(() -> gateway().create(spec(name, Map.of()), vpc, false))
                .as("EC2 refuses a tag specification without tags").isInstanceOf(Ec2CallException.class)
                .hasMessageContaining("InvalidParameterValue");
        assertThat(gateway().groupsByName(List.of(name), vpc)).as("no group made").isEmpty();
    }

    @Test
    void describesTheDefaultVpcAndVpcsByIdAndNothingForAnUnknownId() {
        String ipv6 = newVpc(true);
        String ipv4 = newVpc(false);
        ObservedVpc fallback = gateway().defaultVpc().orElseThrow();

        assertThat(gateway().vpc(fallback.id())).as("the default VPC by id").contains(fallback);
        assertThat(gateway().vpc(ipv6)).as("a VPC with an IPv6 block").contains(ObservedVpc.described(ipv6, true));
        assertThat(gateway().vpc(ipv4)).as("a VPC without").contains(ObservedVpc.described(ipv4, false));
        assertThat(gateway().vpc("vpc-0123456789abcdef0")).as("an unknown VPC").isEmpty();
    }

    @Test
    void readsAVpcsBlocksTheIpv6OnesTooAndNothingForAnUnknownId() {
        String ipv6 = newVpc(true);
        String ipv4 = newVpc(false);

        List<Peer.Cidr> dual = gateway().vpcBlocks(ipv6).orElseThrow();
        assertThat(dual).as("an IPv4 and an IPv6 block").extracting(Peer.Cidr::ipv6).containsExactlyInAnyOrder(false, true);
        assertThat(gateway().vpcBlocks(ipv4).orElseThrow()).as("one IPv4 block").singleElement()
                .satisfies(b -> assertThat(b.ipv6()).isFalse());
        assertThat(gateway().vpcBlocks("vpc-0123456789abcdef0")).as("an unknown VPC").isEmpty();
    }

    @Test
    void aGroupIsNotCreatedInAVpcThatDoesNotExist() {
        String name = unique("novpc");

        assertThatThrownBy(() -> gateway().create(spec(name, PLAIN), "vpc-0123456789abcdef0", false))
                .as("EC2 answers InvalidVpcID.NotFound").is(refused(Refusal.Code.VPC_NOT_FOUND));
    }

    @Test
    void listsTheRegionsSortedWithItsOwn() {
        List<String> regions = gateway().regions();

        assertThat(regions).as("regions").contains(gateway().region()).isSorted();
    }

    // ---------------------------------------------------------------------------------------------
    // Rules

    @Test
    void authorizesRulesAndAnswersDuplicateForARuleItHoldsWhateverItsDescription() {
        String id = create(unique("auth"), defaultVpc());

        assertThat(authorize(id, tcp(22, "10.0.0.0/8", "ssh"), tcp(443, "10.0.0.0/8", "https")))
                .as("new rules").isEqualTo(Ec2Gateway.Write.DONE);
        assertThat(authorize(id, tcp(22, "10.0.0.0/8", "another description")))
                .as("a rule of the same key").isEqualTo(Ec2Gateway.Write.DUPLICATE);
        assertThat(read(id).rules()).as("rules, the first description kept")
                .contains(tcp(22, "10.0.0.0/8", "ssh"), tcp(443, "10.0.0.0/8", "https"))
                .doesNotContain(tcp(22, "10.0.0.0/8", "another description"));
    }

    @Test
    void anAuthorizeWithOneDuplicateAddsNothing() {
        String id = afterAnAuthorizeWithOneDuplicate();

        assertThat(read(id).rules()).as("the new rule of that call was not added").doesNotContain(HTTP);
    }

    /** A group holding {@link #SSH}, after an authorize of {@link #HTTP} and SSH again; its id. */
    String afterAnAuthorizeWithOneDuplicate() {
        String id = create(unique("batch"), defaultVpc());
        authorize(id, SSH);
        assertThat(authorize(id, HTTP, SSH)).as("one rule of the call exists").isEqualTo(Ec2Gateway.Write.DUPLICATE);
        return id;
    }

    @Test
    void keepsOneRuleAPeerAndNamesItselfAsSelf() {
        String peer = create(unique("peer"), defaultVpc());
        String id = create(unique("refs"), defaultVpc());
        Rule self = Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.self(), "vxlan");
        Rule fromPeer = Rule.ingress(Protocol.TCP, PortRange.of(2379), Peer.group(peer), "etcd");
        Rule ipv6 = Rule.egress(Protocol.TCP, PortRange.of(443), Peer.cidr("2001:db8::/32"), "out");

        authorize(id, self, fromPeer);
        authorize(id, Direction.EGRESS, ipv6);

        assertThat(read(id).rules()).as("rules read back, the group's own id as self")
                .containsExactlyInAnyOrder(self, fromPeer, ipv6,
                        Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, ""));
        assertThat(authorize(id, self.withPeer(Peer.group(id)))).as("self by the group's own id is the same rule")
                .isEqualTo(Ec2Gateway.Write.DUPLICATE);
    }

    @Test
    void revokesARuleByItsKeyAndAnswersRuleGoneOnceItIsGone() {
        String id = create(unique("revoke"), defaultVpc());
        authorize(id, tcp(22, "10.0.0.0/8", "ssh"), tcp(443, "10.0.0.0/8", "https"));

        assertThat(revoke(id, tcp(22, "10.0.0.0/8", "not its description"))).as("revoke by key")
                .isEqualTo(Ec2Gateway.Write.DONE);
        assertThat(read(id).rules()).as("rules after revoke").doesNotContain(tcp(22, "10.0.0.0/8", "ssh"))
                .contains(tcp(443, "10.0.0.0/8", "https"));
        assertThat(revoke(id, tcp(22, "10.0.0.0/8", "ssh"))).as("revoke of a rule it does not hold")
                .isEqualTo(Ec2Gateway.Write.RULE_GONE);
    }

    @Test
    void revokesAReferenceToAGroupByItsKeyWhateverItsDescription() {
        Reference reference = reference();

        assertThat(revoke(reference.groupId(), reference.rule().withDescription("")))
                .as("revoke without the description").isEqualTo(Ec2Gateway.Write.DONE);
        assertThat(read(reference.groupId()).rules()).as("rules after revoke").doesNotContain(reference.rule());
    }

    /** A group holding one inbound rule from another group, the peer. */
    record Reference(String groupId, String peerId, Rule rule) {
    }

    Reference reference() {
        String peer = create(unique("peer"), defaultVpc());
        String id = create(unique("refers"), defaultVpc());
        Rule fromPeer = Rule.ingress(Protocol.TCP, PortRange.of(2379), Peer.group(peer), "etcd clients");
        authorize(id, fromPeer);
        return new Reference(id, peer, fromPeer);
    }

    @Test
    void updatesTheDescriptionOfARuleItHolds() {
        String id = create(unique("descr"), defaultVpc());
        authorize(id, tcp(22, "10.0.0.0/8", "ssh"));

        assertThat(gateway().updateDescriptions(id, Direction.INGRESS, List.of(tcp(22, "10.0.0.0/8", "secure shell")),
                false)).as("update of a rule it holds").isEqualTo(Ec2Gateway.Write.DONE);
        assertThat(read(id).rules()).as("the new description").contains(tcp(22, "10.0.0.0/8", "secure shell"));
    }

    @Test
    void anUpdateOfADescriptionOfARuleItDoesNotHoldAnswersRuleGone() {
        String id = create(unique("descr"), defaultVpc());

        assertThat(gateway().updateDescriptions(id, Direction.INGRESS, List.of(HTTP), false))
                .as("EC2 answers InvalidPermission.NotFound").isEqualTo(Ec2Gateway.Write.RULE_GONE);
        assertThat(read(id).rules()).as("rules").doesNotContain(HTTP);
    }

    @Test
    void refusesA61stInboundRuleCountingAReferenceToAGroupInEachFamily() {
        String id = withSixtyInboundIpv4Rules();

        assertThatThrownBy(() -> authorize(id, tcp(2000, "10.0.0.0/8", "")))
                .as("a 61st inbound IPv4 rule").is(refused(Refusal.Code.QUOTA)).hasMessageContaining(id);
        assertThatThrownBy(() -> authorize(id, Rule.ingress(Protocol.TCP, PortRange.of(1), Peer.self(), "")))
                .as("a reference to a group").is(refused(Refusal.Code.QUOTA));
        assertThat(authorize(id, Direction.EGRESS, Rule.egress(Protocol.TCP, PortRange.of(1), Peer.cidr("10.0.0.0/8"),
                ""))).as("outbound rules count apart").isEqualTo(Ec2Gateway.Write.DONE);
        assertThat(read(id).rules()).as("rules held").hasSize(62);
    }

    @Test
    void countsIpv6RulesApartFromIpv4RulesAgainstTheQuota() {
        String id = withSixtyInboundIpv4Rules();

        assertThat(authorize(id, IPV6_HTTPS)).as("an IPv6 rule besides 60 IPv4 rules").isEqualTo(Ec2Gateway.Write.DONE);
    }

    /** A new group holding 60 inbound IPv4 rules, EC2's default quota; its id. */
    String withSixtyInboundIpv4Rules() {
        String id = create(unique("quota"), defaultVpc());
        List<Rule> sixty = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sixty.add(tcp(1000 + i, "10.0.0.0/8", ""));
        }
        assertThat(gateway().authorize(id, Direction.INGRESS, sixty, false)).as("60 inbound IPv4 rules")
                .isEqualTo(Ec2Gateway.Write.DONE);
        return id;
    }

    @Test
    void writesToAGroupThatDoesNotExistFail() {
        assertThatThrownBy(() -> authorize(UNKNOWN_GROUP, tcp(22, "10.0.0.0/8", "")))
                .as("after the retries that wait for a new group")
                .isInstanceOf(Ec2CallException.class).hasMessageContaining("InvalidGroup.NotFound");
    }

    @Test
    void aRuleNamingAGroupThatDoesNotExistIsNotAuthorized() {
        String id = create(unique("badpeer"), defaultVpc());

        assertThatThrownBy(() -> authorize(id, Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.group(UNKNOWN_GROUP),
                ""))).as("EC2 answers InvalidGroup.NotFound").isInstanceOf(Ec2CallException.class);
        assertThat(read(id).rules()).as("rules").hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------
    // Tags and reads

    @Test
    void tagsAddToAGroupsTagsAndReplaceValues() {
        String id = create(unique("tags"), defaultVpc(), Map.of("a", "1", "b", "2"));

        gateway().tag(id, Map.of("b", "3", "c", "4"), false);

        assertThat(read(id).tags()).as("tags").containsEntry("a", "1").containsEntry("b", "3").containsEntry("c", "4");
    }

    @Test
    void answersWhichIdsExist() {
        String a = create(unique("ids"), defaultVpc());
        String b = create(unique("ids"), defaultVpc());

        assertThat(gateway().existingIds(List.of(a, b, UNKNOWN_GROUP))).as("existing ids")
                .containsExactlyInAnyOrder(a, b);
    }

    @Test
    void readsNothingForAnUnknownOrDeletedGroupId() {
        String id = create(unique("gone"), defaultVpc());
        gateway().delete(id);

        assertThat(gateway().groupById(UNKNOWN_GROUP)).as("an id that never was").isEmpty();
        assertThat(gateway().groupById(id)).as("a deleted group").isEmpty();
    }

    @Test
    void stackGroupsAreTheManagedGroupsOfThatClusterOrOfTheNamesInTheVpc() {
        String cluster = unique("cl");
        String vpc = defaultVpc();
        String etcd = create(cluster + "-etcd", vpc, stackTags(cluster));
        String untagged = create(cluster + "-worker", vpc, Map.of(GroupTags.MANAGED_BY, GroupTags.MANAGER));
        create(cluster + "-by-hand", vpc, Map.of(GroupTags.CLUSTER, cluster));
        create(cluster + "-agent", vpc, Map.of("team", "web"));
        create(cluster + "-other", vpc, stackTags(cluster + "x"));
        create(cluster + "-elsewhere", newVpc(false), stackTags(cluster));
        List<String> names = List.of(cluster + "-worker", cluster + "-agent");

        assertThat(gateway().stackGroups(cluster, names, vpc)).as("the stack's groups")
                .extracting(ObservedGroup::id).containsExactlyInAnyOrder(etcd, untagged);
        assertThat(gateway().stackGroups(cluster.substring(0, cluster.length() - 1) + "*", List.of(), vpc))
                .as("a star in a cluster name is no wildcard").isEmpty();
    }

    @Test
    void scanListsManagedGroupsAndOnRequestThoseOfTheNodeDriverAndOtherTools() {
        String vpc = defaultVpc();
        String managed = create(unique("scan"), vpc, Map.of(GroupTags.MANAGED_BY, GroupTags.MANAGER));
        String driver = create(unique("scan"), vpc, Map.of(ManagedTags.DRIVER_TAG, "v2.9"));
        String otherTool = create(unique("scan"), vpc, Map.of(GroupTags.MANAGED_BY, "terraform"));
        String plain = create(unique("scan"), vpc);
        Set<String> ours = Set.of(managed, driver, otherTool, plain);

        assertThat(gateway().scanned(false)).as("rancher-sg's groups").extracting(ObservedGroup::id)
                .filteredOn(ours::contains).containsExactly(managed);
        assertThat(gateway().scanned(true)).as("with the driver's groups").extracting(ObservedGroup::id)
                .filteredOn(ours::contains).containsExactlyInAnyOrder(managed, driver, otherTool);
    }

    @Test
    void everyGroupListsTheRegionsGroupsWhoeverMadeThemInOneRead() {
        String vpc = defaultVpc();
        String managed = create(unique("every"), vpc, Map.of(GroupTags.MANAGED_BY, GroupTags.MANAGER));
        String plain = create(unique("every"), vpc);
        int before = gateway().calls().calls().getOrDefault("DescribeSecurityGroups", 0);

        List<ObservedGroup> every = gateway().everyGroup();

        assertThat(every).extracting(ObservedGroup::id).contains(managed, plain);
        assertThat(every).filteredOn(g -> g.id().equals(plain)).singleElement()
                .satisfies(g -> assertThat(g.vpcId()).isEqualTo(vpc));
        assertThat(gateway().calls().calls().get("DescribeSecurityGroups") - before).isEqualTo(1);
    }

    @Test
    void findsTheGroupsThatReferToAGroupInboundOrOutbound() {
        String vpc = defaultVpc();
        String target = create(unique("target"), vpc);
        String inbound = create(unique("in"), vpc);
        String outbound = create(unique("out"), vpc);
        String unrelated = create(unique("none"), vpc);
        authorize(inbound, Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.group(target), ""));
        authorize(outbound, Direction.EGRESS, Rule.egress(Protocol.TCP, PortRange.of(22), Peer.group(target), ""));
        authorize(unrelated, tcp(22, "10.0.0.0/8", ""));

        assertThat(gateway().referencing(List.of(target))).as("groups referring to the target")
                .extracting(ObservedGroup::id).containsExactlyInAnyOrder(inbound, outbound);
    }

    @Test
    void ruleIdsKeyEveryRuleTheGroupHoldsItsOwnIdAsSelf() {
        String id = create(unique("ruleids"), defaultVpc());
        Rule self = Rule.ingress(Protocol.TCP, PortRange.of(10250), Peer.self(), "kubelet");
        Rule ssh = tcp(22, "10.0.0.0/8", "ssh");
        authorize(id, self, ssh);

        Map<RuleKey, String> ids = gateway().ruleIds(id);

        assertThat(ids).as("rule ids by key").containsOnlyKeys(self.key(), ssh.key(),
                Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, "").key());
        assertThat(ids.values()).as("EC2's rule ids").allMatch(v -> v.matches("sgr-[0-9a-f]{17}"))
                .doesNotHaveDuplicates();
        assertThat(gateway().ruleIds(UNKNOWN_GROUP)).as("of a group that does not exist").isEmpty();
    }

    @Test
    void namesTheNetworkInterfacesThatUseAGroup() {
        String used = create(unique("eni"), defaultVpc());
        String unused = create(unique("eni"), defaultVpc());
        whileAnInterfaceUses(used, eni -> {
            assertThat(gateway().interfacesUsing(List.of(used, UNKNOWN_GROUP))).as("interfaces using the group")
                    .singleElement().asString().startsWith(eni);
            assertThat(gateway().interfacesUsing(List.of(unused))).as("of a group none uses").isEmpty();
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Delete

    @Test
    void aGroupAnotherGroupRefersToIsNotDeleted() {
        Reference reference = reference();

        assertThatThrownBy(() -> gateway().delete(reference.peerId())).as("EC2 answers DependencyViolation")
                .isInstanceOf(DeleteRefusedException.class).hasMessageContaining("DependencyViolation");
        assertThat(gateway().groupById(reference.peerId())).as("still there").isPresent();

        revoke(reference.groupId(), reference.rule());
        assertThat(gateway().delete(reference.peerId())).as("deleted once nothing refers to it").isTrue();
    }

    @Test
    void aGroupANetworkInterfaceUsesIsNotDeleted() {
        String id = create(unique("inuse"), defaultVpc());
        whileAnInterfaceUses(id, eni -> {
            assertThatThrownBy(() -> gateway().delete(id)).as("EC2 answers DependencyViolation")
                    .isInstanceOf(DeleteRefusedException.class).hasMessageContaining("DependencyViolation");
            assertThat(gateway().groupById(id)).as("still there").isPresent();
        });
        assertThat(gateway().delete(id)).as("deleted once no interface uses it").isTrue();
    }

    /** Runs {@code body} with the id of a network interface that uses the group; the interface is gone after. */
    void whileAnInterfaceUses(String groupId, Consumer<String> body) {
        String eni = attachInterface(groupId);
        try {
            body.accept(eni);
        } finally {
            detachInterface(eni);
        }
    }

    @Test
    void aGroupThatRefersToItselfOrToOthersIsDeletedAndAGoneGroupAnswersFalse() {
        String peer = create(unique("peer"), defaultVpc());
        String id = create(unique("del"), defaultVpc());
        authorize(id, Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.self(), ""),
                Rule.ingress(Protocol.TCP, PortRange.of(2379), Peer.group(peer), ""));

        assertThat(gateway().delete(id)).as("deleted").isTrue();
        assertThat(gateway().groupById(id)).as("gone").isEmpty();
        assertThat(gateway().delete(id)).as("a delete of a gone group").isFalse();
    }

    // ---------------------------------------------------------------------------------------------
    // DryRun and calls

    @Test
    void dryRunsChangeNothing() {
        String name = unique("dry");
        String vpc = defaultVpc();
        assertThat(gateway().create(spec(name, PLAIN), vpc, true)).as("a DryRun create").isEmpty();
        assertThat(gateway().groupsByName(List.of(name), vpc)).as("no group made").isEmpty();

        String id = create(name, vpc, Map.of("a", "1"));
        Rule outbound = Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, "");
        ObservedGroup before = read(id);
        assertThat(gateway().authorize(id, Direction.INGRESS, List.of(tcp(22, "10.0.0.0/8", "")), true))
                .as("DryRun authorize").isEqualTo(Ec2Gateway.Write.DONE);
        assertThat(gateway().revoke(id, Direction.EGRESS, List.of(outbound), true)).as("DryRun revoke")
                .isEqualTo(Ec2Gateway.Write.DONE);
        assertThat(gateway().updateDescriptions(id, Direction.EGRESS, List.of(outbound), true))
                .as("DryRun update").isEqualTo(Ec2Gateway.Write.DONE);
        gateway().tag(id, Map.of("a", "2"), true);

        assertThat(read(id)).as("the group after the DryRuns").isEqualTo(before);
    }

    @Test
    void countsEveryCallUnderTheNameOfItsEc2Action() {
        String vpc = defaultVpc();
        String peer = create(unique("calls"), vpc);
        Rule ingress = tcp(22, "10.0.0.0/8", "ssh");
        Rule egress = Rule.egress(Protocol.TCP, PortRange.of(443), Peer.cidr("10.0.0.0/8"), "https");

        Map<String, Integer> calls = counted(g -> {
            String id = g.create(spec(unique("calls"), PLAIN), vpc, false).orElseThrow();
            g.defaultVpc();
            g.vpc(vpc);
            g.regions();
            g.groupsByName(List.of("x"), vpc);
            g.existingIds(List.of(id));
            g.groupById(id);
            g.scanned(false);
            g.stackGroups("x", List.of(), vpc);
            g.authorize(id, Direction.INGRESS, List.of(ingress), false);
            g.authorize(id, Direction.EGRESS, List.of(egress, egress.withPeer(Peer.group(peer))), false);
            g.updateDescriptions(id, Direction.INGRESS, List.of(ingress.withDescription("")), false);
            g.updateDescriptions(id, Direction.EGRESS, List.of(egress.withDescription("")), false);
            g.revoke(id, Direction.INGRESS, List.of(ingress), false);
            g.revoke(id, Direction.EGRESS, List.of(egress), false);
            g.tag(id, Map.of("a", "b"), false);
            g.ruleIds(id);
            g.interfacesUsing(List.of(id));
            g.referencing(List.of(peer));
            g.delete(id);
        });

        Map<String, Integer> expected = new HashMap<>();
        for (String op : List.of("CreateSecurityGroup", "DescribeRegions", "AuthorizeSecurityGroupIngress",
                "AuthorizeSecurityGroupEgress", "UpdateSecurityGroupRuleDescriptionsIngress",
                "UpdateSecurityGroupRuleDescriptionsEgress", "RevokeSecurityGroupIngress",
                "RevokeSecurityGroupEgress", "CreateTags", "DescribeSecurityGroupRules", "DescribeNetworkInterfaces",
                "DeleteSecurityGroup")) {
            expected.put(op, 1);
        }
        expected.put("DescribeVpcs", 2);
        expected.put("DescribeSecurityGroups", 7);
        assertThat(calls).as("calls by EC2 action, referencing in two reads").isEqualTo(expected);
    }

    // ---------------------------------------------------------------------------------------------

    /** A name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private Map<String, Integer> counted(Consumer<Ec2Gateway> calls) {
        Map<String, Integer> before = gateway().calls().calls();
        calls.accept(gateway());
        Map<String, Integer> diff = new HashMap<>();
        gateway().calls().calls().forEach((op, n) -> {
            int made = n - before.getOrDefault(op, 0);
            if (made > 0) {
                diff.put(op, made);
            }
        });
        return diff;
    }

    String defaultVpc() {
        return gateway().defaultVpc().orElseThrow().id();
    }

    String create(String name, String vpcId) {
        return create(name, vpcId, PLAIN);
    }

    String create(String name, String vpcId, Map<String, String> tags) {
        return gateway().create(spec(name, tags), vpcId, false).orElseThrow();
    }

    ObservedGroup read(String groupId) {
        return gateway().groupById(groupId).orElseThrow();
    }

    Ec2Gateway.Write authorize(String groupId, Rule... rules) {
        return authorize(groupId, Direction.INGRESS, rules);
    }

    Ec2Gateway.Write authorize(String groupId, Direction direction, Rule... rules) {
        return gateway().authorize(groupId, direction, List.of(rules), false);
    }

    Ec2Gateway.Write revoke(String groupId, Rule... rules) {
        return gateway().revoke(groupId, Direction.INGRESS, List.of(rules), false);
    }

    static GroupSpec spec(String name, Map<String, String> tags) {
        return new GroupSpec(name, "rancher-sg gateway contract", tags, List.of());
    }

    static Map<String, String> stackTags(String cluster) {
        return Map.of(GroupTags.MANAGED_BY, GroupTags.MANAGER, GroupTags.CLUSTER, cluster);
    }

    static Rule tcp(int port, String cidr, String description) {
        return Rule.ingress(Protocol.TCP, PortRange.of(port), Peer.cidr(cidr), description);
    }

    @Test
    void readsTheBlocksOfAPrefixListAndNothingOfOneThatDoesNotExist() {
        String list = newPrefixList("0.0.0.0/1", "128.0.0.0/1");

        assertThat(gateway().prefixListEntries(list)).as("the list's blocks").hasValueSatisfying(blocks ->
                assertThat(blocks).containsExactlyInAnyOrder(new Peer.Cidr("0.0.0.0/1"), new Peer.Cidr("128.0.0.0/1")));
        assertThat(gateway().prefixListEntries("pl-0123456789abcdef0")).as("an unknown list").isEmpty();
    }

    @Test
    void listsTheDefaultGroupOfEveryVpcWithTheRulesEc2GaveIt() {
        String vpc = newVpc(false);

        assertThat(gateway().defaultGroups()).as("the default group of the new VPC")
                .filteredOn(g -> g.vpcId().equals(vpc)).singleElement().satisfies(g -> {
                    assertThat(g.name()).isEqualTo("default");
                    assertThat(g.rules()).as("all traffic from itself, all traffic out").isNotEmpty();
                });
    }
}
