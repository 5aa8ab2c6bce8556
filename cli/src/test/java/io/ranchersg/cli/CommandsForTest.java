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
