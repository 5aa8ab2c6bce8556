package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * {@code scan --accounts}: a fleet of accounts, each reached through its own role, against
 * LocalStack's STS (every assumed account has an EC2 of its own, so each test's accounts are its
 * own). The oracle arranges and reads each account through a raw AssumeRole of its own.
 */
@EndToEnd
class FleetIT {

    private static final String SECOND_REGION = "eu-west-3";

    @Test
    void aFleetScanReportsDriftAndDriverGroupsPerAccountAndIsolatesTheAccountThatFails(Ec2Emulator emulator,
            @TempDir Path dir) throws IOException {
        String alpha = Ec2Emulator.uniqueRoleArn("rancher-sg-audit");
        String bravo = Ec2Emulator.uniqueRoleArn("rancher-sg-audit");
        String charlie = Ec2Emulator.uniqueRoleArn("rancher-sg-audit");
        String name = Ec2Groups.uniqueName("fleet");
        RancherSg cli = RancherSg.against(emulator);

        // alpha: a group made through --role-arn, then a rule revoked by hand.
        CliRun ensure = cli.run("ensure", "--role-arn", alpha, "--group-name", name);
        assertThat(ensure.exitCode()).as(ensure.toString()).isZero();
        try (Ec2Client ec2 = emulator.ec2ClientAs(alpha)) {
            String id = Ec2Groups.existing(ec2, name).groupId();
            ec2.revokeSecurityGroupIngress(r -> r.groupId(id)
                    .ipPermissions(Ec2Groups.permission("tcp", 22, "0.0.0.0/0", "SSH")));
        }
        // bravo: the group Rancher's node driver made, whose etcd rule points at another group.
        String driverGroupId;
        String otherId;
        try (Ec2Client ec2 = emulator.inRegion(SECOND_REGION).ec2ClientAs(bravo)) {
            otherId = ec2.createSecurityGroup(r -> r.groupName("other").description("other")).groupId();
            driverGroupId = ec2.createSecurityGroup(r -> r.groupName("rancher-nodes").description("driver")
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                            .tags(Tag.builder().key("rancher-nodes").value("v2.9.0").build()).build())).groupId();
            String other = otherId;
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(driverGroupId).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(2379).toPort(2380)
                    .userIdGroupPairs(UserIdGroupPair.builder().groupId(other).build()).build()));
        }
        Path accounts = Files.writeString(dir.resolve("accounts.yml"), "accounts:\n"
                + account(alpha, "alpha", "[env:prod]")
                + account(bravo, "bravo", "[env:dev]") + "    external_id: rancher-sg-fleet-test\n"
                + account(charlie, "charlie", "[env:dev]"));
        Path textfile = dir.resolve("fleet.prom");

        CliRun scan;
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint())
                .failWhere(r -> r.has("RoleArn", charlie), new FaultProxy.Fault.Error(403, "AccessDenied"))) {
            scan = cli.with("AWS_ENDPOINT_URL", proxy.endpoint().toString()).run("scan", "--accounts",
                    accounts.toString(), "--regions", emulator.region() + "," + SECOND_REGION,
                    "--include-driver-groups", "--output", "json", "--prometheus-textfile", textfile.toString());
        }

        assertThat(scan.exitCode()).as("an account could not be scanned\n" + scan).isEqualTo(ExitCodes.ERROR);
        JsonNode doc = Json.read(scan.out());
        assertThat(doc.get("errors")).as("only charlie failed\n" + scan).singleElement().satisfies(error -> {
            assertThat(error.get("account_id").asText()).isEqualTo(account(charlie));
            assertThat(error.get("account_name").asText()).isEqualTo("charlie");
            assertThat(error.get("region").isNull()).isTrue();
            assertThat(error.get("message").asText()).contains(charlie).contains("AccessDenied");
        });
        assertThat(scan.err()).contains("scan of account charlie (" + account(charlie) + ") failed");
        JsonNode alphaGroup = only(doc, name);
        assertThat(alphaGroup.get("account_id").asText()).isEqualTo(account(alpha));
        assertThat(alphaGroup.get("account_name").asText()).isEqualTo("alpha");
        assertThat(alphaGroup.get("managed_by").asText()).isEqualTo("rancher-sg");
        assertThat(alphaGroup.get("region").asText()).isEqualTo(emulator.region());
        assertThat(alphaGroup.get("missing").findValuesAsText("from_port")).as("the revoked rule").containsExactly("22");
        JsonNode driverGroup = only(doc, "rancher-nodes");
        assertThat(driverGroup.get("account_id").asText()).isEqualTo(account(bravo));
        assertThat(driverGroup.get("account_name").asText()).isEqualTo("bravo");
        assertThat(driverGroup.get("managed_by").asText()).isEqualTo("rancher-node-driver");
        assertThat(driverGroup.get("group_id").asText()).isEqualTo(driverGroupId);
        assertThat(driverGroup.get("missing").toString()).as("etcd from the group itself, which the driver"
                + " takes as present").contains("\"from_port\":2379,\"to_port\":2380,\"source\":{\"kind\":\"self\"}");
        assertThat(driverGroup.get("extra").toString()).as("what it holds instead")
                .contains("\"from_port\":2379,\"to_port\":2380,\"source\":{\"kind\":\"group\",\"value\":\"" + otherId);
        assertThat(doc.get("groups")).as("nothing else in these accounts").hasSize(2);
        assertThat(doc.get("api_calls").get("AssumeRole").asInt()).as("one AssumeRole per account").isEqualTo(3);
        assertThat(doc.get("api_calls").get("DescribeSecurityGroups").asInt())
                .as("one read per account-region reached").isEqualTo(4);
        String gauges = Files.readString(textfile);
        assertThat(gauges)
                .containsPattern("rancher_sg_group_in_sync\\{account=\"" + account(alpha) + "\",account_name=\"alpha\","
                        + "region=\"" + emulator.region() + "\",[^}]*group_name=\"" + name + "\"[^}]*} 0\n")
                .containsPattern("rancher_sg_group_extra_rules\\{account=\"" + account(bravo)
                        + "\",account_name=\"bravo\",region=\"" + SECOND_REGION + "\",[^}]*} 1\n")
                .contains("rancher_sg_account_scan_success{account=\"" + account(charlie)
                        + "\",account_name=\"charlie\"} 0\n")
                .contains("rancher_sg_account_scan_success{account=\"" + account(alpha) + "\",account_name=\"alpha\"} 1\n")
                .contains("rancher_sg_region_scan_success{account=\"" + account(bravo) + "\",account_name=\"bravo\","
                        + "region=\"" + SECOND_REGION + "\"} 1\n")
                .as("a fleet scan labels its run by its accounts file")
                .contains("rancher_sg_check_success{accounts_file=\"accounts.yml\"} 0\n");

        // ensure --adopt takes the driver's group over; scanned alone, bravo is then in sync.
        CliRun adopt = cli.run("ensure", "--role-arn", bravo, "--region", SECOND_REGION, "--group-name",
                "rancher-nodes", "--current", "--adopt", "--prune");
        CliRun again = cli.run("scan", "--accounts", accounts.toString(), "--account", "bravo", "--regions",
                SECOND_REGION, "--include-driver-groups", "--output", "json");

        assertThat(adopt.exitCode()).as(adopt.toString()).isZero();
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(only(Json.read(again.out()), "rancher-nodes").get("managed_by").asText()).isEqualTo("rancher-sg");
        try (Ec2Client ec2 = emulator.inRegion(SECOND_REGION).ec2ClientAs(bravo)) {
            SecurityGroup group = Ec2Groups.byId(ec2, driverGroupId);
            assertThat(Ec2Groups.rulesOf(group)).as("exactly what current drivers open").isEqualTo(
                    Ec2Groups.expectedRules(Profiles.get(Profiles.RANCHER_NODES)
                            .spec(ProfileOptions.defaults().withCurrent(true)), driverGroupId));
            assertThat(group.tags()).as("taken over").contains(Tag.builder().key("managed-by").value("rancher-sg").build());
        }
    }

    @Test
    void shardsSplitTheAccountsDisjointlyAndTogetherCoverThemAll(Ec2Emulator emulator, @TempDir Path dir)
            throws IOException {
        List<String> roles = new ArrayList<>();
        StringBuilder file = new StringBuilder("accounts:\n");
        for (int i = 0; i < 6; i++) {
            roles.add(Ec2Emulator.uniqueRoleArn("audit"));
            file.append(account(roles.get(i), "account-" + i, "[]"));
        }
        Path accounts = Files.writeString(dir.resolve("accounts.yml"), file.toString());
        RancherSg cli = RancherSg.against(emulator);

        List<String> seen = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
            CliRun scan = cli.run("scan", "--accounts", accounts.toString(), "--shard", shard + "/3", "--regions",
                    emulator.region(), "--output", "json");
            assertThat(scan.exitCode()).as(scan.toString()).isZero();
            seen.addAll(Json.read(scan.out()).get("accounts").findValuesAsText("account_id"));
        }
        CliRun indexed = cli.with(FleetMixin.JOB_COMPLETION_INDEX, "1").run("scan", "--accounts",
                accounts.toString(), "--shards", "3", "--regions", emulator.region(), "--output", "json");
        CliRun explicit = cli.run("scan", "--accounts", accounts.toString(), "--shard", "1/3", "--regions",
                emulator.region(), "--output", "json");

        Set<String> all = new HashSet<>(roles.stream().map(FleetIT::account).toList());
        assertThat(seen).as("no account in two shards").doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).as("every account in one").isEqualTo(all);
        assertThat(Json.read(indexed.out()).get("accounts").findValuesAsText("account_id"))
                .as("JOB_COMPLETION_INDEX chooses the shard\n" + indexed)
                .isEqualTo(Json.read(explicit.out()).get("accounts").findValuesAsText("account_id"));
    }

    @Test
    void aBadAccountsFileIsRefusedBeforeAnyCall(@TempDir Path dir) throws IOException {
        String good = "  - account_id: \"123456789012\"\n    name: good\n    role: arn:aws:iam::123456789012:role/x\n";
        List<String[]> cases = List.of(
                new String[] {"accounts:\n  - name: nameless\n    role: arn:aws:iam::123456789012:role/x\n",
                    "account 1: account_id is missing"},
                new String[] {"accounts:\n" + good + "  - account_id: \"210987654321\"\n    name: bad\n"
                        + "    role: arn:aws:iam:210987654321:role/x\n", "'arn:aws:iam:210987654321:role/x'"},
                new String[] {"accounts:\n" + good + "    rol: arn:aws:iam::123456789012:role/x\n", "unknown key 'rol'"});
        for (String[] bad : cases) {
            Path file = Files.writeString(dir.resolve("accounts.yml"), bad[0]);

            CliRun scan = CliRun.of("scan", "--accounts", file.toString());

            assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(scan.errLines()).as(scan.toString()).singleElement().asString()
                    .contains("--accounts").contains(bad[1]);
        }
        Path file = Files.writeString(dir.resolve("good.yml"), "accounts:\n" + good + "    tags: [env:prod]\n");
        List<CliRun> refused = List.of(
                CliRun.of("scan", "--accounts", file.toString(), "--tag", "env:prdo"),
                CliRun.of("scan", "--accounts", file.toString(), "--account", "nobody"),
                CliRun.of("scan", "--accounts", file.toString(), "--shard", "4/4"),
                CliRun.of("scan", "--accounts", file.toString(), "--shards", "4"),
                CliRun.of("scan", "--account", "good"),
                CliRun.of("scan", "--accounts", Files.writeString(dir.resolve("roleless.yml"),
                        "accounts:\n  - account_id: \"210987654321\"\n    name: roleless\n").toString(),
                        "--role-arn", "arn:aws:iam::123456789012:role/hub"));
        for (CliRun scan : refused) {
            assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(ExitCodes.USAGE);
        }
        assertThat(refused.get(0).err()).contains("'env:prdo'").contains("no account");
        assertThat(refused.get(3).err()).contains("JOB_COMPLETION_INDEX is not set");
        assertThat(refused.get(4).err()).contains("--accounts FILE");
        assertThat(refused.get(5).err()).as("a roleless account would be read in the hub's account")
                .contains("210987654321 has no role").contains("123456789012");
    }

    @Test
    void anAccountIsReachedThroughItsRoleNameOrProfileAndOneWithNeitherOnlyWhenTheCallerIsThatAccount(
            Ec2Emulator emulator, @TempDir Path dir) throws IOException {
        // LocalStack takes an access key of twelve digits as the caller's account.
        String byName = Ec2Emulator.uniqueRoleArn("rancher-sg-audit");
        String profiled = account(Ec2Emulator.uniqueRoleArn("x"));
        String own = account(Ec2Emulator.uniqueRoleArn("x"));
        String stranger = account(Ec2Emulator.uniqueRoleArn("x"));
        RancherSg caller = RancherSg.against(emulator).with("AWS_ACCESS_KEY_ID", own);
        String inRole = caller.ensured("fleet-role", "--role-arn", byName);
        String inProfile = RancherSg.against(emulator).with("AWS_ACCESS_KEY_ID", profiled).ensured("fleet-profile");
        String inOwn = caller.ensured("fleet-own");
        Path credentials = Files.writeString(dir.resolve("credentials"),
                "[fleet-test]\naws_access_key_id = " + profiled + "\naws_secret_access_key = test\n");
        Path accounts = Files.writeString(dir.resolve("fleet.yml"), "accounts:\n"
                + "  - {account_id: '" + account(byName) + "', name: by-name, role: rancher-sg-audit,"
                + " external_id: rancher-sg-fleet-test}\n"
                + "  - {account_id: '" + profiled + "', name: by-profile, profile: fleet-test}\n"
                + "  - {account_id: '" + own + "', name: own}\n"
                + "  - {account_id: '" + stranger + "', name: \"str\\e[2Kanger\"}\n");
        Path textfile = dir.resolve("fleet.prom");

        CliRun scan = caller.with("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()).run("scan", "--accounts",
                accounts.toString(), "--regions", emulator.region(), "--shard", "0/1", "--output", "json",
                "--prometheus-textfile", textfile.toString());

        assertThat(scan.exitCode()).as("the stranger could not be scanned\n" + scan).isEqualTo(ExitCodes.ERROR);
        JsonNode doc = Json.read(scan.out());
        assertThat(doc.get("errors")).as(scan.toString()).singleElement().satisfies(error -> {
            assertThat(error.get("account_id").asText()).isEqualTo(stranger);
            assertThat(error.get("message").asText()).contains("no role").contains(own);
        });
        assertThat(only(doc, inRole).get("account_id").asText()).as("a role name is the account's role")
                .isEqualTo(account(byName));
        assertThat(only(doc, inProfile).get("account_id").asText()).isEqualTo(profiled);
        assertThat(only(doc, inOwn).get("account_id").asText()).as("the caller's own").isEqualTo(own);
        assertThat(doc.get("groups").findValuesAsText("account_id")).as("nothing under the stranger's id")
                .doesNotContain(stranger);
        assertThat(doc.get("api_calls").get("GetCallerIdentity").asInt()).as("once per account without a role")
                .isEqualTo(3);
        assertThat(scan.err()).as("the name's ESC is shown escaped").contains("str\\x1b[2Kanger")
                .doesNotContain("\u001b");
        String gauges = Files.readString(textfile);
        assertThat(gauges).contains("rancher_sg_check_success{accounts_file=\"fleet.yml\",shard=\"0/1\"} 0\n")
                .containsPattern("rancher_sg_group_in_sync\\{account=\"" + profiled + "\"[^}]*,managed_by=\"rancher-sg\"} 1\n");
    }

    private static String account(String role, String name, String tags) {
        return "  - account_id: \"" + account(role) + "\"\n    name: " + name + "\n    role: " + role + "\n"
                + "    tags: " + tags + "\n";
    }

    private static String account(String role) {
        return role.substring("arn:aws:iam::".length(), "arn:aws:iam::".length() + 12);
    }

    private static JsonNode only(JsonNode doc, String groupName) {
        List<JsonNode> found = new ArrayList<>();
        doc.get("groups").forEach(g -> {
            if (g.get("group_name").asText().equals(groupName)) {
                found.add(g);
            }
        });
        assertThat(found).as("one group named " + groupName + " in " + doc).hasSize(1);
        return found.get(0);
    }
}
