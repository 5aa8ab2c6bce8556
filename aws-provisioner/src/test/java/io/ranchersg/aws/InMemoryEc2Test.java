package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleQuota;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.Refusal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The twin's own levers: faults, counted calls and the oracle, beyond what the gateway contract covers. */
class InMemoryEc2Test {

    private static final Map<String, String> TAGS = Map.of("purpose", "twin test");
    private static final Rule SSH = Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("10.0.0.0/8"), "ssh");

    private InMemoryEc2 twin;
    private String vpc;

    @BeforeEach
    void setUp() {
        twin = new InMemoryEc2();
        vpc = twin.defaultVpcId();
    }

    private String create(String name) {
        return twin.create(new GroupSpec(name, "twin test", TAGS, List.of()), vpc, false).orElseThrow();
    }

    @Test
    void aDeniedOperationFailsForDryRunsTooNamingTheIamAction() {
        String id = create("denied");
        twin.deny("AuthorizeSecurityGroupIngress");

        for (boolean dryRun : new boolean[] {true, false}) {
            assertThatThrownBy(() -> twin.authorize(id, Direction.INGRESS, List.of(SSH), dryRun))
                    .as("DryRun %s", dryRun).isInstanceOf(AccessDeniedException.class)
                    .hasMessage("access denied to ec2:AuthorizeSecurityGroupIngress: grant it to the caller's IAM"
                            + " policy (see the example policies)");
        }
        assertThat(twin.rules(id)).as("rules").doesNotContain(SSH);

        twin.allow("AuthorizeSecurityGroupIngress");
        assertThat(twin.authorize(id, Direction.INGRESS, List.of(SSH), false)).as("once allowed")
                .isEqualTo(Ec2Gateway.Write.DONE);
    }

    @Test
    void anotherWriterActsJustBeforeTheNthCallOfAnOperation() {
        String id = create("writer");
        twin.onCall("AuthorizeSecurityGroupIngress", 2, t -> t.addRule(id, SSH));

        assertThat(twin.authorize(id, Direction.INGRESS, List.of(SSH.withPeer(Peer.cidr("10.1.0.0/16"))), false))
                .as("first call").isEqualTo(Ec2Gateway.Write.DONE);
        assertThat(twin.authorize(id, Direction.INGRESS, List.of(SSH), false))
                .as("second call, after the other writer added the rule").isEqualTo(Ec2Gateway.Write.DUPLICATE);
    }

    @Test
    void aLostAnswerIsAWriteDoneThatTheCallerNeverHears() {
        String id = create("lost");
        twin.loseAnswer("AuthorizeSecurityGroupIngress", 1);

        assertThatThrownBy(() -> twin.authorize(id, Direction.INGRESS, List.of(SSH), false))
                .as("the caller hears a timeout")
                .isInstanceOf(EndpointUnreachableException.class).hasMessageContaining("did not answer");
        assertThat(twin.rules(id)).as("the rule was written all the same").contains(SSH);
    }

    @Test
    void aNewGroupNotYetVisibleToWritesIsRetriedAsSecurityGroupApiDoesCountingEachAttempt() {
        twin.writesLagAfterCreate(2);
        String soon = create("soon");

        assertThat(twin.authorize(soon, Direction.INGRESS, List.of(SSH), false)).as("after two NotFound answers")
                .isEqualTo(Ec2Gateway.Write.DONE);
        assertThat(twin.calls().calls()).as("calls").containsEntry("AuthorizeSecurityGroupIngress", 3);

        twin.writesLagAfterCreate(InMemoryEc2.ATTEMPTS);
        String never = create("never");
        assertThatThrownBy(() -> twin.tag(never, Map.of("a", "b"), false)).as("once the attempts run out")
                .isInstanceOf(Ec2CallException.class).hasMessageContaining("InvalidGroup.NotFound");
        assertThat(twin.calls().calls()).as("calls").containsEntry("CreateTags", InMemoryEc2.ATTEMPTS);
    }

    @Test
    void aDeleteOfAGroupInUseIsTriedAsOftenAsSecurityGroupApiTriesIt() {
        String used = create("used");
        twin.addNetworkInterface(false, used);

        assertThatThrownBy(() -> twin.delete(used)).as("EC2 answers DependencyViolation until the attempts run out")
                .isInstanceOf(DeleteRefusedException.class)
                .hasMessageContaining("DependencyViolation");
        assertThat(twin.calls().calls()).as("calls").containsEntry("DeleteSecurityGroup", InMemoryEc2.ATTEMPTS);
        assertThat(twin.exists(used)).as("still there").isTrue();
    }

    @Test
    void aGroupWhoseReadsLagIsShownOnceTheReaderHasSettled() {
        String late = create("late");
        twin.readsLag(late, 2);

        assertThat(twin.groupById(late)).as("before any settle").isEmpty();
        twin.settle(1);
        assertThat(twin.groupsByName(List.of("late"), vpc)).as("after one settle").isEmpty();
        twin.settle(2);
        assertThat(twin.groupById(late)).as("after two").map(ObservedGroup::id).contains(late);
        assertThat(twin.settles()).as("settles counted").isEqualTo(2);
    }

    @Test
    void itsQuotaCanBeLoweredAsAnAccountsCanBeRaised() {
        String id = create("quota");
        twin.quota(new RuleQuota(1, 60));

        assertThat(twin.authorize(id, Direction.INGRESS, List.of(SSH), false)).as("the first rule")
                .isEqualTo(Ec2Gateway.Write.DONE);
        assertThatThrownBy(() -> twin.authorize(id, Direction.INGRESS, List.of(SSH.withPeer(Peer.cidr("10.2.0.0/16"))),
                false)).as("the second").isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(Refusal.Code.QUOTA));
    }

    @Test
    void itsOracleCountsNoCallAndTheJournalKeepsTheOrderOfCalls() {
        String id = twin.addGroup("by-hand", vpc, Map.of());
        twin.addRule(id, SSH.withPeer(Peer.group(id)));
        twin.rules(id);
        assertThat(twin.calls().calls()).as("calls of the oracle").isEmpty();
        assertThat(twin.rules(id)).as("a reference to itself, as self")
                .contains(SSH.withPeer(Peer.self()));

        twin.groupById(id);
        twin.revoke(id, Direction.INGRESS, List.of(SSH.withPeer(Peer.self())), false);
        assertThat(twin.journal()).as("journal").containsExactly("DescribeSecurityGroups",
                "RevokeSecurityGroupIngress");
        assertThat(twin.groupCount(vpc)).as("the VPC's default group and this one").isEqualTo(2);
    }
}
