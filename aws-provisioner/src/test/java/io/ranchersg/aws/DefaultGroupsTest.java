package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Control;
import io.ranchersg.core.Findings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scan that asks for it judges every VPC's default group too: EC2 gives it rules (all traffic from
 * itself, all traffic out), which AWS FSBP EC2.2 and CIS 5.4 want removed. It is never compared
 * with a profile and never changed; it costs one more read.
 */
class DefaultGroupsTest extends OnTheTwin {

    private GroupCheck.Checked defaultGroupIn(List<GroupCheck> checks) {
        return checks.stream().map(c -> (GroupCheck.Checked) c)
                .filter(c -> c.madeBy() == GroupCheck.Maker.VPC_DEFAULT).findFirst().orElseThrow();
    }

    @Test
    void aDefaultGroupAsEc2MakesItIsAFindingOfEc2Dot2AndCis54() {
        reconciler.ensure(request());
        int before = twin.calls().calls().getOrDefault("DescribeSecurityGroups", 0);

        List<GroupCheck> checks = reconciler.checkScanned(false, true);

        GroupCheck.Checked defaults = defaultGroupIn(checks);
        assertThat(defaults.outcome().groupName()).isEqualTo("default");
        assertThat(defaults.outcome().inSync()).as("no profile, so no drift: findings do not change exit codes")
                .isTrue();
        assertThat(defaults.outcome().findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(Findings.DEFAULT_GROUP_OPEN);
            assertThat(f.controls()).containsExactly(Control.fsbp("EC2.2"), Control.cis("5.4"));
        });
        assertThat(checks).as("the managed group too").hasSize(2);
        assertThat(twin.calls().calls().get("DescribeSecurityGroups") - before).as("one read more").isEqualTo(2);
        assertThat(twin.rules(defaults.outcome().groupId())).as("never changed").isNotEmpty();
    }

    @Test
    void anEmptiedDefaultGroupHasNoFindingAndWithoutTheOptionNoneIsRead() {
        String defaultGroup = twin.idOf("default", vpc).orElseThrow();
        twin.rules(defaultGroup).forEach(rule -> twin.removeRule(defaultGroup, rule));

        assertThat(defaultGroupIn(reconciler.checkScanned(false, true)).outcome().findings()).isEmpty();
        assertThat(reconciler.checkScanned(false)).as("not asked for").isEmpty();
    }
}
