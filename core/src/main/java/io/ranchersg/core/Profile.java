package io.ranchersg.core;

import java.util.List;

/**
 * A named rule set from the Rancher port-requirements page, turned into a security group spec for
 * given options. Implementations are immutable; see {@link Profiles} for the catalogue.
 */
public interface Profile {

    /** {@return the name to select the profile by, e.g. {@code rancher-nodes}} */
    String name();

    /** {@return one line saying what the profile is for} */
    String summary();

    /**
     * The group spec for the options.
     *
     * @throws IllegalArgumentException naming the missing roles if a required peer is not given (see
     *                                  {@link ProfileOptions#withPeer(String, Peer)})
     */
    GroupSpec spec(ProfileOptions options);

    /**
     * Things a reader of the spec should know: options that apply, ports that need no rule
     * (local traffic), rules the page lists that cannot be expressed. Plain text, may span lines.
     */
    String notes();

    /** {@return the peer roles the profile uses, in the order of its rules; empty if it needs none} */
    default List<ProfileRole> roles() {
        return List.of();
    }
}
