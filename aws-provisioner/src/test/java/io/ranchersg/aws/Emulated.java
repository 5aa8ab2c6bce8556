package io.ranchersg.aws;

import io.ranchersg.testsupport.Ec2Emulator;

/** A session on the emulator, for the tests of the provisioner's own code. */
final class Emulated {

    private Emulated() {
    }

    static Ec2Session session(Ec2Emulator emulator) {
        return Ec2Session.open(
                ClientSettings.defaults().withRegion(emulator.region()).withEndpoint(emulator.endpoint()),
                emulator.credentials());
    }
}
