package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiffTest {

    private static final Rule SSH = Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.Cidr.ANY_IPV4, "SSH");
    private static final Rule HTTPS = Rule.ingress(Protocol.TCP, PortRange.of(443), Peer.Cidr.ANY_IPV4, "HTTPS");
    private static final Rule ETCD = Rule.ingress(Protocol.TCP, PortRange.of(2379, 2380), Peer.self(), "etcd");
    private static final Rule OUT = Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, "All outbound traffic");
    private static final Rule STRAY = Rule.ingress(Protocol.TCP, PortRange.of(8080), Peer.cidr("10.0.0.0/8"), "hand made");

    private static final GroupSpec SPEC = GroupSpec.of("g", "d", List.of(SSH, HTTPS, ETCD, OUT));

    @Test
    void reAddsRuleRevokedByHand() {
        Plan plan = Diff.plan(SPEC, List.of(SSH, ETCD, OUT), false);
        assertThat(plan.toAuthorize()).as("to authorize").containsExactly(HTTPS);
        assertThat(plan.isEmpty()).as("plan writes").isFalse();
    }

    @Test
    void updatesChangedDescriptionInPlace() {
        Rule edited = SSH.withDescription("edited by hand");
        Plan plan = Diff.plan(SPEC, List.of(edited, HTTPS, ETCD, OUT), true);
        assertThat(plan.toUpdate()).as("to update").containsExactly(new DescriptionChange(edited, SSH));
        assertThat(plan.toAuthorize()).as("nothing to authorize").isEmpty();
        assertThat(plan.toRevoke()).as("nothing to revoke").isEmpty();
    }

    @Test
    void takesEc2sOwnOutboundRuleWithAnyDescriptionWhenTheSpecLeavesItUndescribed() {
        Rule ec2s = OUT.withDescription("");
        Rule v6 = Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, "");
        GroupSpec spec = GroupSpec.of("g", "d", List.of(SSH, ec2s, v6));

        Plan plan = Diff.plan(spec, List.of(SSH, OUT, v6.withDescription("described by Terraform")), true);

        assertThat(plan.isEmpty()).as("described as an export describes them: %s", plan).isTrue();
        assertThat(plan.drift().inSync()).as("in sync").isTrue();
    }

    @Test
    void restoresEveryOtherDescriptionIncludingAnEmptyOne() {
        Rule undescribed = SSH.withDescription("");
        Plan plan = Diff.plan(GroupSpec.of("g", "d", List.of(undescribed, OUT)),
                List.of(SSH, OUT.withDescription("")), true);

        assertThat(plan.toUpdate()).as("to update").containsExactly(new DescriptionChange(SSH, undescribed),
                new DescriptionChange(OUT.withDescription(""), OUT));
    }

    @Test
    void listsExtraRuleButRevokesItOnlyWhenPruning() {
        Plan additive = Diff.plan(SPEC, List.of(SSH, HTTPS, ETCD, OUT, STRAY), false);
        assertThat(additive.extra()).as("extra without prune").containsExactly(STRAY);
        assertThat(additive.toRevoke()).as("revoke without prune").isEmpty();
        assertThat(additive.isEmpty()).as("additive plan writes nothing").isTrue();
        assertThat(additive.drift().inSync()).as("but drift is reported").isFalse();

        Plan pruning = Diff.plan(SPEC, List.of(SSH, HTTPS, ETCD, OUT, STRAY), true);
        assertThat(pruning.extra()).as("extra with prune").containsExactly(STRAY);
        assertThat(pruning.toRevoke()).as("revoke with prune").containsExactly(STRAY);
    }

    @Test
    void matchesCidrsCanonically() {
        Rule hostAddress = Rule.ingress(Protocol.TCP, PortRange.of(22), new Peer.Cidr("0.0.0.1/0"), "SSH");
        Plan plan = Diff.plan(SPEC, List.of(hostAddress, HTTPS, ETCD, OUT), true);
        assertThat(plan.isEmpty()).as("0.0.0.1/0 is 0.0.0.0/0").isTrue();
    }

    @Test
    void createsEverythingForANewGroupAndRevokesEc2DefaultEgressWhenUndesired() {
        Plan plan = Diff.plan(GroupSpec.of("g", "d", List.of(SSH)), List.of(OUT), true);
        assertThat(plan.toAuthorize()).as("authorize").containsExactly(SSH);
        assertThat(plan.toRevoke()).as("EC2's default egress rule").containsExactly(OUT);
    }

    @Test
    void ordersActionsDeterministically() {
        GroupSpec reversed = GroupSpec.of("g", "d", List.of(OUT, ETCD, HTTPS, SSH));
        Plan plan = Diff.plan(reversed, List.of(), false);
        assertThat(plan.toAuthorize()).as("sorted by direction, protocol, ports, peer")
                .containsExactly(SSH, HTTPS, ETCD, OUT);
        assertThat(plan.toAuthorize(Direction.EGRESS)).as("egress only").containsExactly(OUT);
    }

    @Test
    void secondPlanAfterApplyIsEmpty() {
        List<Rule> actual = List.of(SSH.withDescription("old"), STRAY, OUT);
        Plan first = Diff.plan(SPEC, actual, true);
        Plan second = Diff.plan(SPEC, first.applyTo(actual), true);
        assertThat(second.isEmpty()).as("second plan").isTrue();
        assertThat(second.drift().inSync()).as("drift after apply").isTrue();
    }

    @Test
    void refusesActualWithDuplicateKeys() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Diff.plan(SPEC, List.of(SSH, SSH.withDescription("x")), false))
                .withMessageContaining("ingress tcp 22 from 0.0.0.0/0");
    }

    @Test
    void driftListsMissingExtraAndChanged() {
        Drift drift = Diff.drift(SPEC, List.of(SSH.withDescription("old"), HTTPS, ETCD, STRAY));
        assertThat(drift.missing()).as("missing").containsExactly(OUT);
        assertThat(drift.extra()).as("extra").containsExactly(STRAY);
        assertThat(drift.changed()).as("changed").extracting(DescriptionChange::after).containsExactly(SSH);
        assertThat(Diff.drift(SPEC, SPEC.rules()).inSync()).as("in sync").isTrue();
    }
}
