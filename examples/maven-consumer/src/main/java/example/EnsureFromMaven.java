package example;

import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.SecurityGroups;

/** Creates or repairs the rancher-nodes group in the default VPC, with the standard AWS chain. */
public final class EnsureFromMaven {

    public static void main(String[] args) {
        Outcome outcome = SecurityGroups.ensureRancherNodes();
        System.out.println("group " + outcome.groupId() + " in " + outcome.vpcId() + " in sync: " + outcome.inSync());
    }
}
