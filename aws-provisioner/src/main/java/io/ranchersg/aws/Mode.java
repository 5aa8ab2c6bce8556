package io.ranchersg.aws;

/** What a run may do. */
public enum Mode {
    /** Read only: what ensure would change. */
    PLAN,
    /** Create or repair. */
    ENSURE,
    /** Read only: how the group differs from its profile. */
    CHECK
}
