package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CommandsForTest {

    @Test
    void aRunThatNamesACommandBuildsOnlyThatOne() {
        assertThat(Main.commandsFor("check", "--vpc-id", "vpc-1")).containsExactly(CheckCommand.class);
        assertThat(Main.commandsFor("-v", "--verbose", "scan", "--regions", "us-east-1"))
                .as("after rancher-sg's own options").containsExactly(ScanCommand.class);
        assertThat(Main.commandsFor("stack", "check")).containsExactly(StackCommand.class);
    }

    @Test
    void everyCommandForTheTopLevelHelpAnUnknownNameAndCompletion() {
        assertThat(Main.commandsFor()).as("no arguments").isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsFor("--help")).as("--help").isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsFor("chek")).as("a typo").isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsFor("generate-completion")).as("completion").isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsFor("--", "check")).as("after --").isEqualTo(Main.COMMANDS);
    }

    @Test
    void aQuietScanRehearsesItsFirstCalls() {
        assertThat(Main.rehearses("scan", "--accounts", "accounts.yml")).isTrue();
        assertThat(Main.rehearses("scan")).as("one region").isTrue();
        assertThat(Main.rehearses("scan", "--", "-v")).as("-v after --").isTrue();
        assertThat(Main.rehearses("check")).as("another command").isFalse();
        assertThat(Main.rehearses()).as("no command").isFalse();
        assertThat(Main.rehearses("--", "scan")).as("scan after --").isFalse();
        assertThat(Main.rehearses("-v", "scan")).as("logs would show it").isFalse();
        assertThat(Main.rehearses("scan", "-vv")).as("-vv").isFalse();
        assertThat(Main.rehearses("scan", "--verbose")).as("--verbose").isFalse();
        assertThat(Main.rehearses("scan", "--help")).as("help only").isFalse();
        assertThat(Main.rehearses("--version")).as("the version only").isFalse();
        assertThat(Main.rehearses("scan", "@options.txt")).as("an @file may hold -v").isFalse();
    }

    @Test
    void rolesAreRehearsedOnlyWhenTheScanAssumesSome() {
        assertThat(Main.assumesRoles("scan", "--accounts", "accounts.yml")).isTrue();
        assertThat(Main.assumesRoles("scan", "--accounts=accounts.yml")).isTrue();
        assertThat(Main.assumesRoles("scan", "--role-arn", "arn:aws:iam::123456789012:role/x")).isTrue();
        assertThat(Main.assumesRoles("scan", "--regions", "us-east-1")).isFalse();
        assertThat(Main.assumesRoles("scan", "--", "--accounts")).as("after --").isFalse();
    }

    @Test
    void aTypoIsStillAnUnmatchedArgumentOfRancherSg() {
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "chek");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).as("stderr")
                .isEqualTo("rancher-sg: Unmatched argument at index 0: 'chek' (see 'rancher-sg --help')"
                        + System.lineSeparator());
    }

    @Test
    void aCommandBuiltAloneParsesAndHelpsAsInTheFullTree() {
        StringWriter alone = new StringWriter();
        Main.run(new PrintWriter(alone), new PrintWriter(new StringWriter()), "check", "--help");
        StringWriter full = new StringWriter();
        Main.commandLine(CliContext.plain()).getSubcommands().get("check").usage(new PrintWriter(full));

        assertThat(alone.toString()).as("check --help").isEqualTo(full.toString());
    }
}
