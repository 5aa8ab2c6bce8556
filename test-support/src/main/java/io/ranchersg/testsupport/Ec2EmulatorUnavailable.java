package io.ranchersg.testsupport;

/** No EC2 emulator could be found or started; the message says what was tried and what to install. */
public final class Ec2EmulatorUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean given;

    Ec2EmulatorUnavailable(String message, boolean given) {
        super(message);
        this.given = given;
    }

    /**
     * True when the endpoint was given explicitly ({@value Ec2Emulators#ENDPOINT_VARIABLE}) and does
     * not work: someone asked for that emulator, so its absence fails the tests rather than skip them.
     */
    public boolean given() {
        return given;
    }
}
