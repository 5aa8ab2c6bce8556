package io.ranchersg.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the house, held against the compiled main code of every module: a pure core, EC2
 * reached through one gateway, and a CLI and exports that never speak EC2 themselves.
 */
class ArchitectureTest {

    private static final String EC2 = "software.amazon.awssdk.services.ec2..";
    /** The gateway's implementation with its rule converter, the session, and the caller-owned-client entry. */
    private static final Set<String> SPEAK_EC2 = Set.of("SecurityGroupApi", "Ec2Rules", "Ec2Session",
            "SecurityGroups");
    private static JavaClasses main;

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ranchersg");
    }

    @Test
    void coreUsesNothingButTheJdk() {
        classes().that().resideInAPackage("io.ranchersg.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.ranchersg.core..", "java..")
                .because("core is the pure model: rules, profiles, diff, decision")
                .check(main);
    }

    @Test
    void onlyTheGatewayAndTheSessionSpeakEc2() {
        noClasses().that().resideInAPackage("io.ranchersg.aws..")
                .and(DescribedPredicate.not(DescribedPredicate.describe("part of " + SPEAK_EC2,
                        c -> SPEAK_EC2.contains(topLevel(c).getSimpleName()))))
                .should().dependOnClassesThat().resideInAPackage(EC2)
                .because("EC2 is reached through Ec2Gateway (SecurityGroupApi, with its rule converter);"
                        + " the session builds the client, and SecurityGroups accepts a caller's own")
                .check(main);
    }

    @Test
    void theCliAndTheExportsNeverSpeakEc2() {
        noClasses().that().resideInAnyPackage("io.ranchersg.cli..", "io.ranchersg.export..")
                .should().dependOnClassesThat().resideInAPackage(EC2)
                .check(main);
    }
}
