package io.ranchersg.aws;

/**
 * A failure a caller can act on, with a one-line message that says what went wrong and, where
 * there is one, what to do. Subclasses name the kind; none leaves a half-applied change that a
 * re-run cannot finish.
 */
public abstract class RancherSgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of this kind.
     *
     * @param message what went wrong and, where there is one, what to do
     */
    protected RancherSgException(String message) {
        super(message);
    }

    /**
     * A failure of this kind, caused by another.
     *
     * @param message what went wrong and, where there is one, what to do
     * @param cause the failure underneath (the SDK's, say)
     */
    protected RancherSgException(String message, Throwable cause) {
        super(message, cause);
    }
}
