package io.ranchersg.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.aws.FleetAccount;
import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.Mode;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanViewTest {

    private static final ScanTarget PROD_EAST = new ScanTarget("111111111111", "prod", "us-east-1");
    private static final ScanTarget PROD_WEST = new ScanTarget("111111111111", "prod", "eu-west-1");

    /** Two groups in one region, a region that could not be read, an account that could not be reached. */
    private static final ScanResult RESULT = new ScanResult(List.of(
            new ScanResult.Entry(PROD_EAST, List.of(new GroupCheck.Checked(Outcomes.inSync()),
                    new GroupCheck.Checked(Outcomes.drifted(Mode.CHECK), GroupCheck.Maker.RANCHER_NODE_DRIVER)),
                    List.of(), Map.of("DescribeSecurityGroups", 1), null),
            new ScanResult.Entry(PROD_WEST, List.of(), List.of(), Map.of(), new IllegalArgumentException("boom"))),
            List.of(new ScanResult.AccountFailure(new FleetAccount("222222222222", "dev", List.of(), List.of()),
                    new IllegalArgumentException("access denied"), Map.of("AssumeRole", 1))),
            Map.of("AssumeRole", 2));

    @Test
    void documentNamesTheAccountsRegionsGroupsAndErrors() {
        ScanView view = ScanView.of(RESULT, true, false, RuntimeException::getMessage);

        JsonNode doc = view.document();

        assertThat(doc.get("regions").toString()).isEqualTo("[\"us-east-1\",\"eu-west-1\"]");
        assertThat(doc.get("accounts").toString()).isEqualTo("[{\"account_id\":\"111111111111\","
                + "\"account_name\":\"prod\",\"reached\":true,\"regions\":[\"us-east-1\",\"eu-west-1\"]},"
                + "{\"account_id\":\"222222222222\",\"account_name\":\"dev\",\"reached\":false,\"regions\":[]}]");
        assertThat(doc.get("groups").findValuesAsText("account_name")).containsExactly("prod", "prod");
        assertThat(doc.get("groups").findValuesAsText("managed_by"))
                .containsExactly("rancher-sg", "rancher-node-driver");
        assertThat(doc.get("errors").toString()).isEqualTo("[{\"account_id\":\"222222222222\",\"account_name\":"
                + "\"dev\",\"region\":null,\"message\":\"access denied\"},{\"account_id\":\"111111111111\","
                + "\"account_name\":\"prod\",\"region\":\"eu-west-1\",\"message\":\"boom\"}]");
        assertThat(doc.get("api_calls").toString()).as("listing and region calls together")
                .isEqualTo("{\"AssumeRole\":2,\"DescribeSecurityGroups\":1}");
        assertThat(doc.get("in_sync").asBoolean()).as("an unread region is not known to be in sync").isFalse();
    }

    @Test
    void whatCouldNotBeReadIsOneLineEachAccountsFirst() {
        ScanView view = ScanView.of(RESULT, true, false, e -> "said: " + e.getMessage());

        assertThat(view.errors()).containsExactly("scan of account dev (222222222222) failed: said: access denied",
                "scan of prod (111111111111) eu-west-1 failed: said: boom");
        assertThat(view.inSync()).as("of the groups checked, one drifted").isFalse();
    }

    @Test
    void theTextEndsWithASummaryOfWhatWasScannedAndWhatFailed() {
        String fleet = ScanView.of(RESULT, true, false, RuntimeException::getMessage).text(Style.PLAIN);
        String own = ScanView.of(new ScanResult(List.of(new ScanResult.Entry(new ScanTarget("us-east-1"), List.of(),
                List.of(), Map.of(), null)), Map.of()), false, true, RuntimeException::getMessage).text(Style.PLAIN);

        assertThat(fleet).startsWith("Security group 'web' (sg-0abc) in vpc-0123abcd (us-east-1): in sync\n")
                .endsWith("Scanned 2 accounts, 2 account-regions: 2 groups, 1 in sync, 1 with drift, 1 region failed,"
                        + " 1 account could not be reached." + System.lineSeparator());
        assertThat(own).isEqualTo("Scanned 1 region: no security groups managed by rancher-sg or made by Rancher's"
                + " node driver." + System.lineSeparator());
    }

    @Test
    void progressIsRedrawnInPlaceAndWipedAtTheEnd() {
        StringWriter err = new StringWriter();
        ScanProgress progress = new ScanProgress(new PrintWriter(err));

        // The scanner names the number of accounts first, then each account as it is reached or fails.
        progress.accounts(2);
        RESULT.failedAccounts().forEach(progress::failed);
        progress.started(RESULT.targets());
        RESULT.entries().forEach(progress::done);
        progress.clear();

        assertThat(err.toString()).isEqualTo("\rscan: 1/2 accounts, 1/2 regions, 2 groups, 1 with drift"
                + "\rscan: 2/2 accounts, 2/2 regions, 2 groups, 1 with drift\r" + " ".repeat(79) + "\r");
    }
}
