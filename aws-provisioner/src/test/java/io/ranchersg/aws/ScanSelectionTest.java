package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which groups a scan of one region checks, on the in-memory EC2: rancher-sg's always; the group
 * Rancher's EC2 node driver made only when asked, and only that one (its name and its tag); never
 * another tool's or a group made by hand.
 */
class ScanSelectionTest extends OnTheTwin {

    private String driverMade;

    private void aRegionOfEveryKindOfGroup() {
        reconciler.ensure(request());
        driverMade = twin.addGroup(ManagedTags.DRIVER_GROUP_NAME, vpc, Map.of(ManagedTags.DRIVER_TAG, "v2.10.1"));
        twin.addGroup("rancher-nodes-2", vpc, Map.of(ManagedTags.DRIVER_TAG, "v2.10.1"));
        twin.addGroup("made-by-terraform", vpc, Map.of("managed-by", "terraform"));
        twin.addGroup("made-by-hand", vpc, Map.of());
    }

    private static List<String> checked(List<GroupCheck> checks) {
        return checks.stream().map(c -> ((GroupCheck.Checked) c).outcome().groupName()).toList();
    }

    @Test
    void withoutDriverGroupsOnlyRancherSgsGroupsAreChecked() {
        aRegionOfEveryKindOfGroup();

        List<GroupCheck> checks = reconciler.checkScanned(false);

        assertThat(checked(checks)).containsExactly(name);
        assertThat(((GroupCheck.Checked) checks.get(0)).madeBy()).isEqualTo(GroupCheck.Maker.RANCHER_SG);
    }

    @Test
    void withDriverGroupsTheDriversGroupIsCheckedAgainstCurrentRancherNodes() {
        aRegionOfEveryKindOfGroup();

        List<GroupCheck> checks = reconciler.checkScanned(true);

        assertThat(checked(checks)).as("rancher-sg's group and the driver's; not one named otherwise or untagged")
                .containsExactlyInAnyOrder(name, ManagedTags.DRIVER_GROUP_NAME);
        GroupCheck.Checked driver = checks.stream().map(c -> (GroupCheck.Checked) c)
                .filter(c -> c.outcome().groupId().equals(driverMade)).findFirst().orElseThrow();
        assertThat(driver.madeBy()).isEqualTo(GroupCheck.Maker.RANCHER_NODE_DRIVER);
        assertThat(driver.outcome().profile()).isEqualTo("rancher-nodes");
        assertThat(driver.outcome().inSync()).as("an empty group lacks every rule").isFalse();
    }

    @Test
    void aDriverGroupRancherSgTookOverIsCheckedAsRancherSgs() {
        reconciler.ensure(request().withGroupName(ManagedTags.DRIVER_GROUP_NAME));

        List<GroupCheck> checks = reconciler.checkScanned(true);

        assertThat(checks).singleElement().satisfies(c -> assertThat(((GroupCheck.Checked) c).madeBy())
                .isEqualTo(GroupCheck.Maker.RANCHER_SG));
    }

    @Test
    void aDriverTaggedGroupUnderAnotherNameIsNotTheDrivers() {
        assertThat(ManagedTags.isDriverMade("rancher-nodes", Map.of(ManagedTags.DRIVER_TAG, "x"))).isTrue();
        assertThat(ManagedTags.isDriverMade("rancher-nodes-2", Map.of(ManagedTags.DRIVER_TAG, "x"))).isFalse();
        assertThat(ManagedTags.isDriverMade("rancher-nodes", Map.of())).isFalse();
        assertThat(ManagedTags.isDriverMade("rancher-nodes", Map.of(ManagedTags.DRIVER_TAG, "x",
                "managed-by", "rancher-sg"))).as("taken over by rancher-sg").isFalse();
    }
}
