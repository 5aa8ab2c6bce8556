package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.Direction;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.RuleKey;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.core.reconcile.Refusal;
import io.ranchersg.core.reconcile.RunOptions;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/** Reading a live group's id and rule ids for an export that adopts it, checked against the raw SDK. */
@EndToEnd
class LiveGroupsIT {

    private Ec2Client raw;
    private Ec2Session session;
    private String name;

    @BeforeEach
    void setUp(Ec2Emulator emulator) {
        raw = emulator.ec2Client();
        session = Emulated.session(emulator);
        name = Ec2Groups.uniqueName("live");
    }

    @AfterEach
    void tearDown() {
        session.close();
        raw.close();
    }

    @Test
    void namesTheGroupAndEveryRuleEnsureMade() {
        GroupRequest request = GroupRequest.forProfile(Profiles.RANCHER_NODES,
                ProfileOptions.defaults().withGroupName(name).withIpv6(true));
        new Reconciler(session).ensure(request);
        String groupId = Ec2Groups.existing(raw, name).groupId();

        LiveGroup live = new LiveGroups(session).read(request.spec(), null, RunOptions.DEFAULTS);

        assertThat(live.groupId()).isEqualTo(groupId);
        assertThat(live.vpcId()).isEqualTo(Ec2Groups.defaultVpcId(raw));
        assertThat(live.ruleIds().keySet()).as("a rule id for every rule of the profile")
                .containsExactlyElementsOf(request.spec().rules().stream().map(r -> r.key()).toList());
        Map<String, String> expected = new TreeMap<>();
        for (SecurityGroupRule rule : raw.describeSecurityGroupRulesPaginator(r -> r.filters(
                Filter.builder().name("group-id").values(groupId).build())).securityGroupRules()) {
            String peer = rule.cidrIpv4() != null ? rule.cidrIpv4() : rule.cidrIpv6() != null ? rule.cidrIpv6()
                    : rule.referencedGroupInfo().groupId().equals(groupId) ? "self" : rule.referencedGroupInfo().groupId();
            expected.put(rule.securityGroupRuleId(), (rule.isEgress() ? "egress" : "ingress") + " "
                    + rule.ipProtocol() + " " + rule.fromPort() + "-" + rule.toPort() + " " + peer);
        }
        Map<String, String> actual = new TreeMap<>();
        live.ruleIds().forEach((key, id) -> actual.put(id, text(key)));
        assertThat(actual).as("rule ids, as DescribeSecurityGroupRules reports them").isEqualTo(expected);
    }

    @Test
    void refusesAGroupThatDoesNotExist() {
        GroupRequest request = GroupRequest.forProfile(Profiles.RANCHER_NODES,
                ProfileOptions.defaults().withGroupName(name));

        assertThatThrownBy(() -> new LiveGroups(session).read(request.spec(), null, RunOptions.DEFAULTS))
                .is(refused(Refusal.Code.GROUP_NOT_FOUND)).hasMessageContaining("'" + name + "'");
    }

    private static String text(RuleKey key) {
        String protocol = key.protocol().ec2Name();
        String ports = key.ports() == null ? "-1--1" : key.ports().from() + "-" + key.ports().to();
        return (key.direction() == Direction.EGRESS ? "egress" : "ingress") + " " + protocol + " " + ports + " "
                + key.peer();
    }
}
