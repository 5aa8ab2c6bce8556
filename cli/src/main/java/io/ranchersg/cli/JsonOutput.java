package io.ranchersg.cli;

/** A command that may have been asked for JSON: then errors, too, leave one JSON document on stdout. */
interface JsonOutput {

    /** Whether {@code --output json} was given. */
    boolean jsonOutput();
}
