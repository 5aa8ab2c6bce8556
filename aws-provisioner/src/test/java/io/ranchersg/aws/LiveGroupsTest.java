package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.NewGroup;
import io.ranchersg.core.Rule;
import io.ranchersg.core.reconcile.Refusal;
import io.ranchersg.core.reconcile.RunOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading a live group for an export that adopts it, on the in-memory EC2: held to ensure's word on
 * who made the group, naming the rules it holds beyond the spec, and writing nothing.
 */
class LiveGroupsTest extends OnTheTwin {

    private LiveGroup read(GroupRequest request, RunOptions options) {
        return new LiveGroups(twin).read(request.spec(), vpc, options);
    }

    @Test
    void namesTheRulesTheGroupHoldsBeyondTheSpec() {
        String id = reconciler.ensure(request()).groupId();
        twin.addRule(id, byHand(3389));
        twin.addRule(id, byHand(5432));
        Map<String, String> before = twin.snapshot();

        LiveGroup live = read(request(), RunOptions.DEFAULTS);

        assertThat(live.groupId()).isEqualTo(id);
        assertThat(live.ruleIds()).as("a rule id for every rule of the profile").hasSize(request().spec().rules()
                .size());
        assertThat(live.leftOut()).as("the rules the export leaves out").containsExactly(byHand(3389), byHand(5432));
        assertThat(twin.snapshot()).as("nothing written").isEqualTo(before);
    }

    @Test
    void refusesAGroupRancherSgDidNotMakeUnlessAdopted() {
        String id = twin.addGroup(name, vpc, Map.of("team", "network"));
        twin.addRule(id, byHand(5432));

        assertThatThrownBy(() -> read(request(), RunOptions.DEFAULTS)).is(refused(Refusal.Code.NOT_MANAGED))
                .hasMessageContaining("'" + name + "' (" + id + ")").hasMessageContaining("was not created by"
                        + " rancher-sg").hasMessageContaining("adopt it explicitly");

        LiveGroup adopted = read(request(), RunOptions.DEFAULTS.withAdopt(true));

        assertThat(adopted.ruleIds().keySet()).as("of the profile's rules, EC2's own outbound rule only")
                .containsExactly(NewGroup.defaultRules(false).get(0).key());
        assertThat(adopted.leftOut()).containsExactly(byHand(5432));
    }

    @Test
    void refusesAGroupMadeWithOtherOptionsUnlessReconfigured() {
        GroupRequest ipv6 = request().withOptions(request().options().withIpv6(true));
        reconciler.ensure(ipv6);

        assertThatThrownBy(() -> read(request(), RunOptions.DEFAULTS)).is(refused(Refusal.Code.RECONFIGURE))
                .hasMessageContaining("options 'ipv6'").hasMessageContaining("reconfigure it explicitly");

        LiveGroup reconfigured = read(request(), RunOptions.DEFAULTS.withReconfigure(true));

        List<Rule> twins = ipv6.spec().rules().stream().filter(r -> !request().spec().rules().contains(r)).toList();
        assertThat(reconfigured.leftOut()).as("the ::/0 twins the ipv6 option made").isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(twins);
    }
}
