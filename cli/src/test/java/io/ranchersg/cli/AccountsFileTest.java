package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.aws.AssumedRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsFileTest {

    private static final String FILE = """
            accounts:
              - account_id: "111111111111"
                name: prod
                role: [arn:aws:iam::999999999999:role/hub, arn:aws:iam::111111111111:role/audit]
                external_id: rancher-sg-7f3a
                regions: [eu-west-1, eu-central-1, eu-west-1]
                tags: [env:prod, team:platform]
              - account_id: 222222222222
                name: dev
                role: arn:aws:iam::222222222222:role/audit
                tags: [env:dev, team:platform]
                vars: {owner: someone}
            """;

    @Test
    void readsC7nOrgsFormatWithChainsAndExternalIdOnTheLastRole() {
        AccountsFile file = AccountsFile.parse(FILE);

        AccountsFile.Account prod = file.accounts().get(0);
        assertThat(prod.roles()).containsExactly(AssumedRole.of("arn:aws:iam::999999999999:role/hub"),
                new AssumedRole("arn:aws:iam::111111111111:role/audit", "rancher-sg-7f3a"));
        assertThat(prod.regions()).as("without repeats").containsExactly("eu-west-1", "eu-central-1");
        AccountsFile.Account dev = file.accounts().get(1);
        assertThat(dev.id()).as("an unquoted id").isEqualTo("222222222222");
        assertThat(dev.regions()).as("none: those enabled").isEmpty();
    }

    @Test
    void selectsByNameOrIdAndByEveryTagGiven() {
        AccountsFile file = AccountsFile.parse(FILE);

        assertThat(file.select(List.of("dev", "111111111111"), List.of())).extracting(AccountsFile.Account::name)
                .containsExactly("prod", "dev");
        assertThat(file.select(List.of(), List.of("team:platform", "env:dev"))).extracting(AccountsFile.Account::name)
                .containsExactly("dev");
        assertThat(file.select(List.of(), List.of("env:qa"))).isEmpty();
        assertThatThrownBy(() -> file.select(List.of("qa"), List.of())).hasMessageContaining("'qa'");
    }

    @Test
    void refusesWhatWouldScanTheWrongThingNamingIt() {
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - account_id: \"111111111111\"\n    name: a\n"
                + "    region: [eu-west-1]\n")).hasMessageContaining("account 111111111111: unknown key 'region'");
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - account_id: \"111111111111\"\n    name: a\n"
                + "    role: arn:aws:iam::222222222222:role/x\n")).hasMessageContaining("belongs to account 222222222222");
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - account_id: \"111111111111\"\n    name: a\n"
                + "    regions: [eu-wset]\n")).hasMessageContaining("'eu-wset'");
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - account_id: \"111111111111\"\n    name: a\n"
                + "  - account_id: \"111111111111\"\n    name: b\n")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - account_id: \"111111111111\"\n"))
                .hasMessageContaining("name is missing");
        assertThatThrownBy(() -> AccountsFile.parse("accounts:\n  - account_id: \"111111111111\"\n    name: a\n"
                + "    external_id: abc\n")).hasMessageContaining("give role too");
        assertThatThrownBy(() -> AccountsFile.parse("subscriptions: []\n")).hasMessageContaining("'subscriptions'");
        assertThatThrownBy(() -> AccountsFile.parse("accounts: [\n")).hasMessageContaining("not valid YAML");
    }
}
