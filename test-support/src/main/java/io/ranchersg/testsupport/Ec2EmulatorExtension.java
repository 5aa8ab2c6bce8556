package io.ranchersg.testsupport;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Hands {@link Ec2Emulator} parameters to end-to-end tests.
 *
 * <p>Without an emulator each test is skipped (aborted) on its own, so that the reports count every
 * one of them as skipped, and the reason, with what to install, is printed once on stderr. Under
 * {@code CI=true}, or when {@value Ec2Emulators#ENDPOINT_VARIABLE} names an endpoint that does not
 * answer, they fail instead: a build must never pass on end-to-end tests that did not run.
 *
 * <p>A class-level abort ({@code @BeforeAll}) would hide the class's tests from the reports
 * altogether; so a class's {@code @BeforeAll} and {@code @AfterAll} methods are not run when the
 * tests are to be skipped (their {@code Ec2Emulator} parameter is then {@code null}, never seen).
 */
public final class Ec2EmulatorExtension implements BeforeEachCallback, ParameterResolver, InvocationInterceptor {

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Ec2Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty() && skipping()) {
            return null;
        }
        return emulator();
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                         ExtensionContext context) throws Throwable {
        proceedUnlessSkipping(invocation);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                        ExtensionContext context) throws Throwable {
        proceedUnlessSkipping(invocation);
    }

    private static void proceedUnlessSkipping(Invocation<Void> invocation) throws Throwable {
        if (skipping()) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }

    /** True when there is no emulator and its absence is a skip, not a failure. */
    private static boolean skipping() {
        try {
            Ec2Emulators.shared();
            return false;
        } catch (Ec2EmulatorUnavailable e) {
            return !mustFail(e);
        }
    }

    private static boolean mustFail(Ec2EmulatorUnavailable e) {
        return e.given() || Ec2Emulators.required();
    }

    private static Ec2Emulator emulator() {
        try {
            return Ec2Emulators.shared();
        } catch (Ec2EmulatorUnavailable e) {
            if (e.given()) {
                return Assertions.fail(e.getMessage());
            }
            if (Ec2Emulators.required()) {
                return Assertions.fail("CI=true and " + e.getMessage());
            }
            Assumptions.abort(e.getMessage());
            throw e;
        }
    }
}
