package io.ranchersg.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code -v}/{@code -vv}, accepted before and after the command name; the counts add up. */
final class VerbosityMixin {

    @Option(names = {"-v", "--verbose"},
            description = "Log to stderr what rancher-sg does and the EC2 calls it makes; -vv for debug logs."
                    + " Errors show their stack trace.")
    boolean[] verbose = new boolean[0];

    /** The number of {@code -v} flags on the command line, over the top-level command and the subcommand. */
    static int of(ParseResult parseResult) {
        int count = 0;
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            boolean[] flags = p.matchedOptionValue("-v", new boolean[0]);
            count += flags.length;
        }
        return count;
    }
}
