package io.ranchersg.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands {@link Ec2Emulator} parameters to end-to-end tests.
 *
 * <p>Without an emulator the tests are skipped with a message saying what to install, except
 * under {@code CI=true}, where they fail: CI must never pass on end-to-end tests that did not run.
 */
public final class Ec2EmulatorExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Ec2Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }

    private static Ec2Emulator emulator() {
        try {
            return Ec2Emulators.shared();
        } catch (Ec2EmulatorUnavailable e) {
            if (Ec2Emulators.required()) {
                return Assertions.fail("CI=true and " + e.getMessage());
            }
            Assumptions.abort(e.getMessage());
            throw e;
        }
    }
}
