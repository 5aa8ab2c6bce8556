package io.ranchersg.cli;

/**
 * Invalid input found before anything was sent to AWS: exit {@value ExitCodes#USAGE}. The message
 * names the option or variable and the bad value, on one line.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Core refused a value: prefix its message (which names the value) with the option it came from. */
    static UsageException of(String option, RuntimeException refused) {
        String reason = refused.getMessage() == null ? refused.toString() : refused.getMessage();
        return new UsageException(option + ": " + reason, refused);
    }
}
