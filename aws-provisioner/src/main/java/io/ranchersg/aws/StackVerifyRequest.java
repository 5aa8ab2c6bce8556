package io.ranchersg.aws;

import io.ranchersg.core.Peer;
import io.ranchersg.core.StackGroup;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to verify of a cluster stack: each role's group against the role's profile. A role's group
 * is found by the stack's name for it ({@code <cluster>-<role>}) in the stack's VPC, or by the id
 * {@code groupIds} maps the role to, for groups made under other names.
 *
 * @param stack    the stack, its VPC and options
 * @param groupIds group ids by role, for the roles whose groups have other names
 */
public record StackVerifyRequest(StackRequest stack, Map<String, String> groupIds) {

    /**
     * Checks that every mapped role is one of the layout's and every id has EC2's form.
     *
     * @param stack the stack, its VPC and options
     * @param groupIds group ids by role
     * @throws IllegalArgumentException naming the role or the id
     */
    public StackVerifyRequest {
        Objects.requireNonNull(stack, "stack");
        groupIds = Collections.unmodifiableMap(new TreeMap<>(groupIds));
        List<String> roles = stack.stack().groups().stream().map(StackGroup::role).toList();
        groupIds.forEach((role, id) -> {
            if (!roles.contains(role)) {
                throw new IllegalArgumentException("the " + stack.stack().layout().jsonName() + " layout has no role '"
                        + role + "'; its roles are " + String.join(", ", roles));
            }
            Peer.group(id);
        });
    }

    /**
     * A verification of every role's group, found by the stack's name for it.
     *
     * @param stack the cluster stack and its requirements
     * @return the request, with no group named by id
     */
    public static StackVerifyRequest of(StackRequest stack) {
        return new StackVerifyRequest(stack, Map.of());
    }
}
