package io.ranchersg.core.reconcile;

import java.util.Objects;

/**
 * The VPC a run works in. Its IPv6 block decides which outbound rules EC2 gives a new group, so it
 * is only read when a group is to be created; otherwise only its id is known.
 *
 * @param id        its {@code vpc-} id
 * @param described whether it was read (so that {@code ipv6} is known)
 * @param ipv6      whether it has an IPv6 block; {@code false} when not described
 */
public record ObservedVpc(String id, boolean described, boolean ipv6) {

    /**
     * Checks the components.
     *
     * @param id its {@code vpc-} id
     * @param described whether it was read (so that {@code ipv6} is known)
     * @param ipv6 whether it has an IPv6 block; {@code false} when not described
     */
    public ObservedVpc {
        Objects.requireNonNull(id, "id");
        if (!described && ipv6) {
            throw new IllegalArgumentException("the VPC " + id + " was not described, so its IPv6 block is unknown");
        }
    }

    /** A VPC that was read. */
    public static ObservedVpc described(String id, boolean ipv6) {
        return new ObservedVpc(id, true, ipv6);
    }

    /** A VPC known only by id: enough while every group of the run exists. */
    public static ObservedVpc known(String id) {
        return new ObservedVpc(id, false, false);
    }
}
