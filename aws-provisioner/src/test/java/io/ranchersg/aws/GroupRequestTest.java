package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class GroupRequestTest {

    @Test
    void refusesAMalformedVpcId() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GroupRequest.rancherNodes().withVpcId("vpc-nothex"))
                .withMessageContaining("'vpc-nothex'");
    }

    @Test
    void refusesAnUnknownProfileBeforeAnyCall() {
        assertThatIllegalArgumentException().isThrownBy(() -> GroupRequest.forProfile("rancher-nods"))
                .withMessageContaining("rancher-nods");
    }

    @Test
    void refusesAProfileWhosePeersAreMissing() {
        assertThatIllegalArgumentException().isThrownBy(() -> GroupRequest.forProfile("node-pool-etcd"));
    }

    @Test
    void specCarriesTheManagedTags() {
        assertThat(GroupRequest.rancherNodes().spec().tags())
                .containsEntry("managed-by", "rancher-sg")
                .containsEntry("rancher-sg:profile", "rancher-nodes")
                .containsEntry("rancher-sg:options", "");
    }

    @Test
    void groupNameComesFromTheOptions() {
        assertThat(GroupRequest.rancherNodes().withGroupName("edge-nodes").groupName()).isEqualTo("edge-nodes");
    }

    @Test
    void clientSettingsRefuseABadRegionAndEndpoint() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientSettings.defaults().withRegion("mars-1"))
                .withMessageContaining("'mars-1'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ClientSettings.defaults().withEndpoint(java.net.URI.create("ftp://x")))
                .withMessageContaining("ftp://x");
    }
}
