package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Proves the {@code rancher-nodes} profile equal to the page's "Rancher AWS EC2 security group"
 * table, reading the table from the seed itself rather than from a copy typed into the test.
 */
class RancherNodesSeedTest {

    private static final String HEADING = "### Rancher AWS EC2 security group";
    private static final Pattern SELF = Pattern.compile("sg-x+ \\((.+)\\)");

    private final List<List<String>> table = SeedPage.tableAfterHeading(SeedPage.text(), HEADING);
    private final GroupSpec spec = Profiles.get(Profiles.RANCHER_NODES).spec(ProfileOptions.defaults());

    @Test
    void seedTableHasTheColumnsAndRowsTheTestReads() {
        assertThat(table.get(0)).as("header of the seed table")
                .containsExactly("Type", "Protocol", "Port Range", "Source/Destination", "Rule Type");
        assertThat(table).as("rows of the seed table, header included").hasSize(14);
    }

    @Test
    void rancherNodesProfileEqualsSeedTableRowByRow() {
        List<List<String>> rows = table.subList(1, table.size());
        assertThat(spec.rules()).as("rules of rancher-nodes vs rows of the seed table").hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            assertThat(spec.rules().get(i).key())
                    .as("rule %d of rancher-nodes vs seed row %s", i + 1, row)
                    .isEqualTo(keyOf(row));
        }
    }

    @Test
    void rancherNodesMarkdownReproducesSeedTableCells() {
        List<List<String>> rendered = SeedPage.tableAfterHeading("# x\n" + Markdown.table(spec), "# x");
        assertThat(rendered).as("Markdown.table(rancher-nodes) cells vs seed table cells").isEqualTo(table);
    }

    @Test
    void sharedSeedAndCommittedCopyAreIdentical() {
        assumeTrue(SeedPage.sharedSeed().isPresent(),
                "shared seed not found above the working directory; only the committed copy is used");
        assertThat(SeedPage.resourceBytes())
                .as("src/test/resources/seed/port-requirements.md must be a byte-for-byte copy of %s",
                        SeedPage.sharedSeed().get())
                .isEqualTo(SeedPage.sharedBytes());
    }

    /** One seed row as the rule key it describes. */
    private static RuleKey keyOf(List<String> row) {
        Protocol protocol = Protocol.parse(row.get(1));
        PortRange ports = row.get(2).equals("All") ? null : PortRange.parse(row.get(2));
        Matcher self = SELF.matcher(row.get(3));
        Peer peer;
        if (self.matches()) {
            assertThat(self.group(1)).as("group named in %s", row.get(3)).isEqualTo(Profiles.RANCHER_NODES);
            peer = Peer.self();
        } else {
            peer = Peer.cidr(row.get(3));
        }
        return new RuleKey(Direction.parse(row.get(4)), protocol, ports, peer);
    }
}
