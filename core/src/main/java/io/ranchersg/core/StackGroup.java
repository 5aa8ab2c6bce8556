package io.ranchersg.core;

import java.util.Objects;

/**
 * One group of a cluster stack.
 *
 * @param role    its role in the layout ({@code etcd}, {@code server}, ...)
 * @param profile the role's profile
 * @param options the profile's options: the group's name, and the other groups of the stack as
 *                peers by name ({@code group_name:<cluster>-<role>})
 * @param spec    the desired group, tagged with its cluster, layout and role; its peers name the
 *                stack's other groups, so it is resolved once they exist
 */
public record StackGroup(String role, String profile, ProfileOptions options, GroupSpec spec) {

    /**
     * Checks the components.
     *
     * @param role its role in the layout ({@code etcd}, {@code server}, ...)
     * @param profile the role's profile
     * @param options the profile's options: the group's name, and the other groups of the stack as
     *     peers by name ({@code group_name:<cluster>-<role>})
     * @param spec the desired group, tagged with its cluster, layout and role; its peers name the
     *     stack's other groups, so it is resolved once they exist
     */
    public StackGroup {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(spec, "spec");
    }

    /** {@return the group's name} */
    public String name() {
        return spec.name();
    }
}
