package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.Direction;
import io.ranchersg.core.reconcile.Refusal;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddPrefixListEntry;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * {@link SecurityGroupApi} keeps the gateway contract against the emulator. Where the emulator
 * (LocalStack 4.13.1) differs from EC2, the test concerned is overridden here, narrowly: it says how,
 * and asserts what the emulator does instead, so that a release that behaves as EC2 does shows up as
 * a failure here, and the override can go. The contract, and the in-memory twin, keep EC2's behaviour.
 */
@EndToEnd
class SecurityGroupApiContractIT extends Ec2GatewayContract {

    private Ec2Client raw;
    private Ec2Session session;
    private SecurityGroupApi api;

    @BeforeEach
    void setUp(Ec2Emulator emulator) {
        raw = emulator.ec2Client();
        session = Emulated.session(emulator);
        api = new SecurityGroupApi(session);
    }

    @AfterEach
    void tearDown() {
        session.close();
        raw.close();
    }

    @Override
    protected Ec2Gateway gateway() {
        return api;
    }

    @Override
    protected String newVpc(boolean ipv6) {
        String cidr = "10." + ThreadLocalRandom.current().nextInt(64, 250) + ".0.0/16";
        return raw.createVpc(r -> r.cidrBlock(cidr).amazonProvidedIpv6CidrBlock(ipv6)).vpc().vpcId();
    }

    @Override
    protected String attachInterface(String groupId) {
        String vpc = Ec2Groups.defaultVpcId(raw);
        String subnet = raw.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
                .subnets().get(0).subnetId();
        return raw.createNetworkInterface(r -> r.subnetId(subnet).groups(groupId)).networkInterface()
                .networkInterfaceId();
    }

    @Override
    protected void detachInterface(String interfaceId) {
        raw.deleteNetworkInterface(r -> r.networkInterfaceId(interfaceId));
    }

    @Override
    protected String newPrefixList(String... blocks) {
        return raw.createManagedPrefixList(r -> r.prefixListName(unique("pl")).addressFamily("IPv4").maxEntries(10)
                .entries(Arrays.stream(blocks).map(b -> AddPrefixListEntry.builder().cidr(b).build()).toList()))
                .prefixList().prefixListId();
    }

    // ---------------------------------------------------------------------------------------------
    // Where LocalStack 4.13.1 differs from EC2

    /** EC2 refuses InvalidVpcID.NotFound; LocalStack creates the group in a VPC that does not exist. */
    @Override
    @Test
    void aGroupIsNotCreatedInAVpcThatDoesNotExist() {
        assertThat(gateway().create(spec(unique("novpc"), PLAIN), "vpc-0123456789abcdef0", false))
                .as("LocalStack makes a group in an unknown VPC").isPresent();
    }

    /** EC2 adds nothing of an authorize that holds one duplicate; LocalStack adds the others and answers Duplicate. */
    @Override
    @Test
    void anAuthorizeWithOneDuplicateAddsNothing() {
        String id = afterAnAuthorizeWithOneDuplicate();

        assertThat(read(id).rules()).as("LocalStack added the new rule of that call").contains(HTTP);
    }

    /**
     * EC2 matches a reference to a group by its key alone; LocalStack matches its description too, so
     * a revoke without it answers as an unknown rule and revokes nothing.
     */
    @Override
    @Test
    void revokesAReferenceToAGroupByItsKeyWhateverItsDescription() {
        Reference reference = reference();

        assertThat(revoke(reference.groupId(), reference.rule().withDescription("")))
                .as("LocalStack: revoke without the description").isEqualTo(Ec2Gateway.Write.RULE_GONE);
        assertThat(read(reference.groupId()).rules()).as("rules").contains(reference.rule());
    }

    /** EC2 answers InvalidPermission.NotFound; LocalStack answers success and changes nothing. */
    @Override
    @Test
    void anUpdateOfADescriptionOfARuleItDoesNotHoldAnswersRuleGone() {
        String id = create(unique("descr"), defaultVpc());

        assertThat(gateway().updateDescriptions(id, Direction.INGRESS, List.of(HTTP), false))
                .as("LocalStack answers success").isEqualTo(Ec2Gateway.Write.DONE);
        assertThat(read(id).rules()).as("rules").doesNotContain(HTTP);
    }

    /** EC2 counts IPv4 and IPv6 rules apart against the quota; LocalStack counts them together. */
    @Override
    @Test
    void countsIpv6RulesApartFromIpv4RulesAgainstTheQuota() {
        String id = withSixtyInboundIpv4Rules();

        assertThatThrownBy(() -> authorize(id, IPV6_HTTPS)).as("LocalStack: an IPv6 rule besides 60 IPv4 rules")
                .is(refused(Refusal.Code.QUOTA));
    }

    /** EC2 answers DependencyViolation; LocalStack deletes a group that another group's rule names. */
    @Override
    @Test
    void aGroupAnotherGroupRefersToIsNotDeleted() {
        Reference reference = reference();

        assertThat(gateway().delete(reference.peerId())).as("LocalStack deletes it").isTrue();
    }

    /** EC2 answers DependencyViolation; LocalStack deletes a group that a network interface uses. */
    @Override
    @Test
    void aGroupANetworkInterfaceUsesIsNotDeleted() {
        String id = create(unique("inuse"), defaultVpc());

        whileAnInterfaceUses(id, eni -> assertThat(gateway().delete(id)).as("LocalStack deletes it").isTrue());
    }

    /** LocalStack answers an unknown prefix list with no entries; EC2 answers InvalidPrefixListID.NotFound. */
    @Override
    @Test
    void readsTheBlocksOfAPrefixListAndNothingOfOneThatDoesNotExist() {
        String list = newPrefixList("0.0.0.0/1", "128.0.0.0/1");

        assertThat(gateway().prefixListEntries(list)).as("the list's blocks").hasValueSatisfying(blocks ->
                assertThat(blocks).hasSize(2));
        assertThat(gateway().prefixListEntries("pl-0123456789abcdef0")).as("LocalStack: an unknown list is empty")
                .hasValue(List.of());
    }
}
