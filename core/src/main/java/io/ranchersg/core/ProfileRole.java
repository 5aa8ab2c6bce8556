package io.ranchersg.core;

import java.util.Objects;

/**
 * A peer role a profile uses, and whether it must be given.
 *
 * @param name        a {@link Roles} name
 * @param requirement whether the role must be given, may be left out, or defaults to the group itself
 * @param usedFor     which rules use it, for help texts
 */
public record ProfileRole(String name, Requirement requirement, String usedFor) {

    /** How a profile treats a role that {@link ProfileOptions#peers()} does not name. */
    public enum Requirement {
        /** The profile refuses to build without it (the page names a peer but no address). */
        REQUIRED,
        /** The rules using it are left out (the page marks them as conditional). */
        OPTIONAL,
        /** The group itself ({@link Peer#self()}) stands in: the profile's group is that role. */
        DEFAULTS_TO_SELF
    }

    /**
     * Refuses unknown role names.
     *
     * @param name a {@link Roles} name
     * @param requirement whether the role must be given, may be left out, or defaults to the group
     *     itself
     * @param usedFor which rules use it, for help texts
     */
    public ProfileRole {
        Roles.check(name);
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(usedFor, "usedFor");
    }
}
