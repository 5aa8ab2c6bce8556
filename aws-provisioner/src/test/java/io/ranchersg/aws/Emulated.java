package io.ranchersg.aws;

import io.ranchersg.testsupport.Ec2Emulator;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** Shortcuts for end-to-end tests: sessions on the emulator, unique names, raw reads. */
final class Emulated {

    private Emulated() {
    }

    static Ec2Session session(Ec2Emulator emulator) {
        return Ec2Session.open(
                ClientSettings.defaults().withRegion(emulator.region()).withEndpoint(emulator.endpoint()),
                credentials(emulator));
    }

    /** The keys the emulator accepts. */
    static StaticCredentialsProvider credentials(Ec2Emulator emulator) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(emulator.accessKeyId(), emulator.secretAccessKey()));
    }

    /** A group name no other test uses: all tests share one emulator. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String defaultVpcId(Ec2Client ec2) {
        return ec2.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build()))
                .vpcs().get(0).vpcId();
    }

    static java.util.List<SecurityGroup> groupsNamed(Ec2Client ec2, String name) {
        return ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name").values(name).build()))
                .securityGroups();
    }
}
