package io.ranchersg.core.coverage;

import io.ranchersg.core.Peer;
import io.ranchersg.core.PrefixLists;
import java.util.List;
import java.util.Objects;

/**
 * What coverage needs to know besides the rules: the CIDR blocks of the group's VPC, by which rules
 * naming CIDR blocks may stand in for {@code self} and group references, and the entries of the
 * prefix lists the rules name.
 *
 * @param vpcBlocks   the VPC's blocks, IPv4 and IPv6; empty when not read, and then only a
 *                    reference to the same group covers {@code self} or a group
 * @param prefixLists the entries of the prefix lists that could be read
 */
public record Network(List<Peer.Cidr> vpcBlocks, PrefixLists prefixLists) {

    /** Nothing known beyond the rules. */
    public static final Network NONE = new Network(List.of(), PrefixLists.NONE);

    /**
     * Copies the blocks.
     *
     * @param vpcBlocks the VPC's blocks; empty when not read
     * @param prefixLists the entries of the prefix lists that could be read
     */
    public Network {
        vpcBlocks = List.copyOf(vpcBlocks);
        Objects.requireNonNull(prefixLists, "prefixLists");
    }

    /** {@return this network with the VPC's blocks} */
    public Network withVpcBlocks(List<Peer.Cidr> blocks) {
        return new Network(blocks, prefixLists);
    }
}
