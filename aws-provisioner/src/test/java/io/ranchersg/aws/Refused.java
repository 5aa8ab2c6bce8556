package io.ranchersg.aws;

import io.ranchersg.core.reconcile.Refusal;
import org.assertj.core.api.Condition;

/** Assertions on refusals: the exception type says "refused", the code says why. */
final class Refused {

    private Refused() {
    }

    /** A {@link RefusedException} whose first refusal has this code. */
    static Condition<Throwable> refused(Refusal.Code code) {
        return new Condition<>(t -> t instanceof RefusedException r && r.code() == code, "refused with %s",
                code.jsonName());
    }
}
