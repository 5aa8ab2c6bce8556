package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@link Scanner#scanAccounts} against LocalStack's STS and EC2: each account reached once, each
 * account-region read once for both kinds of group, a region that fails kept to itself, an account
 * without a role read only with credentials of its own.
 */
@EndToEnd
class FleetScanIT {

    private static final String FAILING_REGION = "ap-northeast-3";

    @Test
    void eachAccountIsAssumedOnceEachRegionReadOnceAndAFailingRegionStaysLocal(Ec2Emulator emulator) {
        String alpha = Ec2Emulator.uniqueRoleArn("audit");
        String bravo = Ec2Emulator.uniqueRoleArn("audit");
        String name = Ec2Groups.uniqueName("fleet-lib");
        ClientSettings direct = ClientSettings.defaults().withRegion(emulator.region())
                .withEndpoint(emulator.endpoint()).withStsEndpoint(emulator.endpoint());
        try (AssumedRoles roles = AssumedRoles.of(direct.withRole(AssumedRole.of(alpha)), emulator.region(),
                emulator.credentials(), false); Ec2Session session = Ec2Session.open(direct, roles, null)) {
            new Reconciler(session).ensure(GroupRequest.rancherNodes().withGroupName(name));
        }
        String driverId;
        try (Ec2Client ec2 = emulator.ec2ClientAs(bravo)) {
            driverId = ec2.createSecurityGroup(r -> r.groupName("rancher-nodes").description("driver")
                    .tagSpecifications(tagged("rancher-nodes", "v2.10.1"))).groupId();
            ec2.createSecurityGroup(r -> r.groupName("made-by-terraform").description("another tool's")
                    .tagSpecifications(tagged("managed-by", "terraform")));
        }
        List<FleetAccount> fleet = List.of(
                new FleetAccount(AssumedRole.of(alpha).accountId(), "alpha", List.of(AssumedRole.of(alpha)),
                        List.of(emulator.region(), FAILING_REGION)),
                new FleetAccount(AssumedRole.of(bravo).accountId(), "bravo", List.of(AssumedRole.of(bravo)),
                        List.of(emulator.region(), FAILING_REGION)));

        ScanResult result;
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint()).failWhere(
                r -> r.region().equals(FAILING_REGION), new FaultProxy.Fault.Error(403, "UnauthorizedOperation"))) {
            ClientSettings settings = direct.withEndpoint(proxy.endpoint()).withStsEndpoint(proxy.endpoint());
            result = new Scanner(settings, 4).withDriverGroups(true).withCredentials(emulator.credentials())
                    .scanAccounts(fleet);
            // Counted on the wire, independently of rancher-sg's own counter (asserted below too).
            assertThat(proxy.requests("AssumeRole")).as("AssumeRole requests the proxy saw: one per account")
                    .isEqualTo(2);
            assertThat(proxy.requests("DescribeSecurityGroups"))
                    .as("DescribeSecurityGroups requests the proxy saw: one per account-region").isEqualTo(4);
        }

        assertThat(result.failedAccounts()).isEmpty();
        assertThat(result.targets()).extracting(ScanTarget::toString).containsExactly(
                fleet.get(0).id() + "/" + emulator.region(), fleet.get(0).id() + "/" + FAILING_REGION,
                fleet.get(1).id() + "/" + emulator.region(), fleet.get(1).id() + "/" + FAILING_REGION);
        assertThat(result.entries()).filteredOn(e -> e.target().region().equals(FAILING_REGION))
                .allSatisfy(e -> assertThat(e.failure()).isInstanceOf(AccessDeniedException.class));
        ScanResult.Entry alphaHome = result.entries().get(0);
        assertThat(alphaHome.checked()).singleElement().satisfies(c -> {
            assertThat(c.outcome().groupName()).isEqualTo(name);
            assertThat(c.outcome().location().account()).isEqualTo(fleet.get(0).id());
            assertThat(c.madeBy()).isEqualTo(GroupCheck.Maker.RANCHER_SG);
            assertThat(c.outcome().inSync()).isTrue();
        });
        ScanResult.Entry bravoHome = result.entries().get(2);
        assertThat(bravoHome.checked()).as("the driver's group; another tool's is left alone").singleElement()
                .satisfies(c -> {
                    assertThat(c.outcome().groupId()).isEqualTo(driverId);
                    assertThat(c.madeBy()).isEqualTo(GroupCheck.Maker.RANCHER_NODE_DRIVER);
                    assertThat(c.outcome().profile()).isEqualTo("rancher-nodes");
                    assertThat(c.outcome().inSync()).as("an empty group lacks every rule").isFalse();
                });
        assertThat(alphaHome.apiCalls()).as("one read per account-region for both kinds of group")
                .isEqualTo(Map.of("DescribeSecurityGroups", 1));
        assertThat(bravoHome.apiCalls()).isEqualTo(Map.of("DescribeSecurityGroups", 1));
        assertThat(result.listingCalls()).as("one AssumeRole per account").isEqualTo(Map.of("AssumeRole", 2));
        assertThat(result.complete()).isFalse();
    }

    @Test
    void anAccountsRegionsAreReadAsSoonAsItIsReachedAndResultsKeepTheFilesOrder(Ec2Emulator emulator) {
        String slow = Ec2Emulator.uniqueRoleArn("audit");
        String quick = Ec2Emulator.uniqueRoleArn("audit");
        ClientSettings direct = ClientSettings.defaults().withRegion(emulator.region())
                .withEndpoint(emulator.endpoint()).withStsEndpoint(emulator.endpoint());
        List<FleetAccount> fleet = List.of(
                new FleetAccount(AssumedRole.of(slow).accountId(), "slow", List.of(AssumedRole.of(slow)),
                        List.of(emulator.region(), "eu-west-3")),
                new FleetAccount(AssumedRole.of(quick).accountId(), "quick", List.of(AssumedRole.of(quick)),
                        List.of(emulator.region(), "eu-west-3")));
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Scanner.Listener listener = new Scanner.Listener() {
            @Override
            public void started(List<ScanTarget> targets) {
                events.add("reached " + targets.get(0).accountName());
            }

            @Override
            public void done(ScanResult.Entry entry) {
                events.add("read " + entry.target().accountName() + "/" + entry.target().region());
            }
        };

        ScanResult result;
        // The first account's role answers late: the second account's regions need not wait for it.
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint()).failWhere(
                r -> r.action().equals("AssumeRole") && r.has("RoleArn", slow),
                new FaultProxy.Fault.Delay(Duration.ofMillis(1500)))) {
            ClientSettings settings = direct.withEndpoint(proxy.endpoint()).withStsEndpoint(proxy.endpoint());
            result = new Scanner(settings, 3, listener).withCredentials(emulator.credentials()).scanAccounts(fleet);
        }

        assertThat(events.subList(0, 3)).as("the quick account reached and read while the slow one is not\n" + events)
                .containsExactlyInAnyOrder("reached quick", "read quick/" + emulator.region(), "read quick/eu-west-3");
        assertThat(result.entries()).extracting(e -> e.target().accountName() + "/" + e.target().region())
                .as("in the order of the accounts and their regions, not of their ending")
                .containsExactly("slow/" + emulator.region(), "slow/eu-west-3", "quick/" + emulator.region(),
                        "quick/eu-west-3");
        assertThat(result.entries()).allSatisfy(e -> assertThat(e.failure()).isNull());
        assertThat(result.listingCalls()).isEqualTo(Map.of("AssumeRole", 2));
    }

    @Test
    void anAccountWithoutARoleIsReadOnlyWhenTheCredentialsAreItsOwn(Ec2Emulator emulator) {
        // LocalStack takes an access key of twelve digits as the caller's account.
        String own = AssumedRole.of(Ec2Emulator.uniqueRoleArn("x")).accountId();
        String stranger = AssumedRole.of(Ec2Emulator.uniqueRoleArn("x")).accountId();
        StaticCredentialsProvider caller = StaticCredentialsProvider.create(AwsBasicCredentials.create(own, "test"));
        ClientSettings settings = ClientSettings.defaults().withRegion(emulator.region())
                .withEndpoint(emulator.endpoint()).withStsEndpoint(emulator.endpoint());
        String name = Ec2Groups.uniqueName("fleet-own");
        try (Ec2Session session = Ec2Session.open(settings, caller, null)) {
            new Reconciler(session).ensure(GroupRequest.rancherNodes().withGroupName(name));
        }

        ScanResult result = new Scanner(settings, 2).withCredentials(caller).scanAccounts(List.of(
                new FleetAccount(own, "own", List.of(), List.of(emulator.region())),
                new FleetAccount(stranger, "stranger", List.of(), List.of(emulator.region()))));

        assertThat(result.failedAccounts()).singleElement().satisfies(failure -> {
            assertThat(failure.account().id()).isEqualTo(stranger);
            assertThat(failure.failure()).hasMessageContaining("has no role").hasMessageContaining(own);
        });
        assertThat(result.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.target().accountId()).isEqualTo(own);
            assertThat(entry.checked()).extracting(c -> c.outcome().groupName()).containsExactly(name);
        });
        assertThat(result.listingCalls()).as("one GetCallerIdentity per account without a role")
                .isEqualTo(Map.of("GetCallerIdentity", 2));
    }

    private static TagSpecification tagged(String key, String value) {
        return TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                .tags(Tag.builder().key(key).value(value).build()).build();
    }
}
