package io.ranchersg.testsupport;

/** No EC2 emulator could be found or started; the message says what was tried and what to install. */
public final class Ec2EmulatorUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Ec2EmulatorUnavailable(String message) {
        super(message);
    }
}
