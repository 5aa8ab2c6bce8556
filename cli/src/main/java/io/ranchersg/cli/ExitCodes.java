package io.ranchersg.cli;

/**
 * The exit codes of {@code rancher-sg}: a contract for scripts and schedulers, listed in every
 * command's {@code --help}. Change them only with a major version.
 */
public final class ExitCodes {

    /** Success; for {@code check} and {@code scan}: every group is in sync. */
    public static final int OK = 0;
    /** An error: AWS refused or could not be reached, a file could not be written, a bug. */
    public static final int ERROR = 1;
    /**
     * {@code check} and {@code scan}: drift found (a group is missing rules, has extra or changed ones, or is
     * absent); {@code verify}: a requirement is not covered, or the group is absent.
     */
    public static final int DRIFT = 2;
    /** Bad usage or invalid input (BSD {@code EX_USAGE}); nothing was sent to AWS. */
    public static final int USAGE = 64;

    private ExitCodes() {
    }
}
