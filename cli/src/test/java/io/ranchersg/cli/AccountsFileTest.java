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
    void readsC7nOrgsFormatWithChainsAndTheExternalIdOnEveryRoleAsC7nOrgSendsIt() {
        AccountsFile file = AccountsFile.parse(FILE);

        AccountsFile.Account prod = file.accounts().get(0);
        assertThat(prod.roles()).containsExactly(new AssumedRole("arn:aws:iam::999999999999:role/hub", "rancher-sg-7f3a"),
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

    @Test
    void resolvesAliasesAndMergeKeysAsPyYamlDoes() {
        AccountsFile file = AccountsFile.parse("""
                vars: &defaults
                  role: audit
                  external_id: &ext rancher-sg-7f3a
                  regions: [eu-west-1]
                accounts:
                  - <<: *defaults
                    account_id: "111111111111"
                    name: prod
                    tags: [&prod env:prod]
                  - <<: *defaults
                    account_id: "222222222222"
                    name: prod-eu
                    regions: [eu-central-1]
                    tags: [*prod]
                """);

        AccountsFile.Account first = file.accounts().get(0);
        AccountsFile.Account second = file.accounts().get(1);
        assertThat(second.tags()).as("the anchored value, not the anchor's name").containsExactly("env:prod");
        assertThat(file.select(List.of(), List.of("env:prod"))).hasSize(2);
        assertThat(first.roles()).as("merged: a role name in the account, the aliased external id")
                .containsExactly(new AssumedRole("arn:aws:iam::111111111111:role/audit", "rancher-sg-7f3a"));
        assertThat(second.roles()).containsExactly(
                new AssumedRole("arn:aws:iam::222222222222:role/audit", "rancher-sg-7f3a"));
        assertThat(first.regions()).containsExactly("eu-west-1");
        assertThat(second.regions()).as("a key of its own wins over the merged one").containsExactly("eu-central-1");
    }

    @Test
    void refusesAKeyGivenTwiceNamingItsLine() {
        assertThatThrownBy(() -> AccountsFile.parse("""
                accounts:
                  - account_id: "111111111111"
                    name: a
                    role: audit
                accounts: []
                """)).hasMessageContaining("given twice").hasMessageContaining("line 5");
        assertThatThrownBy(() -> AccountsFile.parse("""
                accounts:
                  - account_id: "111111111111"
                    name: a
                    account_id: "222222222222"
                    role: audit
                """)).hasMessageContaining("given twice").hasMessageContaining("line 4");
    }

    @Test
    void refusesAnAliasBombAndAnOversizedTextButNotAFleetThatMergesItsDefaults() {
        String bomb = "vars:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: ["
                + String.join(", ", java.util.Collections.nCopies(AccountsFile.MAX_ALIASES + 1, "*a")) + "]\n"
                + "accounts: []\n";
        String oversized = "accounts: []\n#" + "x".repeat(AccountsFile.MAX_SIZE);
        StringBuilder fleet = new StringBuilder("vars: &defaults {role: audit, regions: [eu-west-1]}\naccounts:\n");
        for (int i = 0; i < 2_000; i++) {
            fleet.append(String.format(java.util.Locale.ROOT, "  - {<<: *defaults, account_id: '%012d', name: a%d}%n",
                    100_000_000_000L + i, i));
        }

        assertThatThrownBy(() -> AccountsFile.parse(bomb)).hasMessageContaining("not valid YAML")
                .hasMessageContaining("aliases");
        assertThatThrownBy(() -> AccountsFile.parse(oversized)).hasMessageContaining("larger than");
        assertThat(AccountsFile.parse(fleet.toString()).accounts()).hasSize(2_000)
                .allSatisfy(account -> assertThat(account.regions()).containsExactly("eu-west-1"));
    }

    @Test
    void acceptsWhatC7nOrgsSchemaAndItsOrgaccountsGeneratorWrite() {
        AccountsFile file = AccountsFile.parse("""
                vars: {owner: platform}
                accounts:
                  - account_id: '111111111111'
                    email: aws-prod@example.com
                    name: prod
                    display_name: Production
                    org_id: o-abc123
                    role: arn:aws:iam::111111111111:role/OrganizationAccountAccessRole
                    tags: ['path:/prod', 'env:prod']
                    regions: [all]
                    cost_center: '42'
                  - account_id: '222222222222'
                    name: dev
                    profile: dev-admin
                    regions: ['eu-west-1, eu-west-3', eu-central-1, eu-west-1]
                """);

        AccountsFile.Account prod = file.accounts().get(0);
        AccountsFile.Account dev = file.accounts().get(1);
        assertThat(prod.regions()).as("all: those enabled").isEmpty();
        assertThat(prod.profile()).isNull();
        assertThat(dev.roles()).isEmpty();
        assertThat(dev.profile()).isEqualTo("dev-admin");
        assertThat(dev.regions()).as("comma-separated items, without repeats")
                .containsExactly("eu-west-1", "eu-west-3", "eu-central-1");
        assertThat(dev.toFleetAccount().profile()).isEqualTo("dev-admin");
    }

    @Test
    void refusesAnUnknownKeyThatLooksLikeAKnownOneSayingWhichItMeans() {
        String account = "accounts:\n  - account_id: \"111111111111\"\n    name: a\n    role: audit\n";

        assertThatThrownBy(() -> AccountsFile.parse(account + "    region: [eu-west-1]\n"))
                .hasMessageContaining("account 111111111111: unknown key 'region': did you mean regions?");
        assertThatThrownBy(() -> AccountsFile.parse(account + "    externalId: abc\n"))
                .hasMessageContaining("did you mean external_id?");
        assertThatThrownBy(() -> AccountsFile.parse(account + "    tag: [env:prod]\n"))
                .hasMessageContaining("did you mean tags?");
        assertThatThrownBy(() -> AccountsFile.parse("acounts: []\n")).hasMessageContaining("did you mean accounts?");
        assertThatThrownBy(() -> AccountsFile.parse("subscriptions: []\n")).hasMessageContaining("another cloud");
        assertThatThrownBy(() -> AccountsFile.parse(account.replace("role: audit", "role: [audit]")))
                .as("c7n-org expands a single name only").hasMessageContaining("a chain lists ARNs");
    }

    @Test
    void aMalformedFileNeverEchoesItsExternalId() {
        String secret = "s3cr3t-ext-1d";
        List<String> files = List.of(
                "accounts:\n  - account_id: \"111111111111\"\n    external_id: " + secret + ": x\n",
                "accounts:\n  - account_id: \"111111111111\"\n    external_id: \"" + secret + "\n",
                "accounts:\n  - account_id: \"111111111111\"\n    external_id: " + secret + "\n\t- x\n",
                "accounts:\n  - account_id: \"111111111111\"\n    external_id: [" + secret + "\n");
        for (String text : files) {
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> AccountsFile.parse(text));

            assertThat(refused).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not valid YAML").hasMessageContaining("line ");
            assertThat(ErrorFunnel.describe(refused)).as("with its causes").doesNotContain(secret);
        }
    }

    @Test
    void theReadmesExampleIsAccepted() throws java.io.IOException {
        java.nio.file.Path readme = java.nio.file.Path.of("..", "README.md");
        String text = java.nio.file.Files.readString(readme);
        int start = text.indexOf("```yaml\nvars: &audit");
        String example = text.substring(start + "```yaml\n".length(), text.indexOf("```", start + 7));

        AccountsFile file = AccountsFile.parse(example);

        AccountsFile.Account staging = file.select(List.of("staging"), List.of()).get(0);
        assertThat(staging.roles()).containsExactly(
                new AssumedRole("arn:aws:iam::555566667777:role/rancher-sg-audit", "rancher-sg-7f3a"));
        assertThat(staging.regions()).containsExactly("eu-west-1", "eu-west-3");
        assertThat(file.select(List.of("sandbox"), List.of()).get(0).profile()).isEqualTo("sandbox-admin");
    }
}
