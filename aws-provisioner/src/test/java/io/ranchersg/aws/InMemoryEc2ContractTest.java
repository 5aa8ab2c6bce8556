package io.ranchersg.aws;

import org.junit.jupiter.api.BeforeEach;

/** The in-memory twin keeps the gateway contract, as {@link SecurityGroupApi} does against an emulator. */
class InMemoryEc2ContractTest extends Ec2GatewayContract {

    private InMemoryEc2 twin;

    @BeforeEach
    void setUp() {
        twin = new InMemoryEc2();
    }

    @Override
    protected Ec2Gateway gateway() {
        return twin;
    }

    @Override
    protected String newVpc(boolean ipv6) {
        return twin.addVpc(ipv6);
    }

    @Override
    protected String attachInterface(String groupId) {
        return twin.addNetworkInterface(true, groupId);
    }

    @Override
    protected void detachInterface(String interfaceId) {
        twin.removeNetworkInterface(interfaceId);
    }

    @Override
    protected String newPrefixList(String... blocks) {
        return twin.addPrefixList(blocks);
    }
}
