package io.ranchersg.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A profile defined by its roles and a function that adds its rules, in the page's table order. */
final class TableProfile implements Profile {

    private final String name;
    private final String summary;
    private final String groupDescription;
    private final List<ProfileRole> roles;
    private final Consumer<SpecBuilder> body;
    private final String notes;

    TableProfile(String name, String summary, String groupDescription, List<ProfileRole> roles,
                 Consumer<SpecBuilder> body, String notes) {
        this.name = Objects.requireNonNull(name);
        this.summary = Objects.requireNonNull(summary);
        this.groupDescription = Ec2Text.checkGroupDescription(groupDescription);
        this.roles = List.copyOf(roles);
        this.body = Objects.requireNonNull(body);
        this.notes = Objects.requireNonNull(notes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public String notes() {
        return notes;
    }

    @Override
    public List<ProfileRole> roles() {
        return roles;
    }

    @Override
    public GroupSpec spec(ProfileOptions options) {
        Objects.requireNonNull(options, "options");
        List<ProfileRole> missing = roles.stream()
                .filter(r -> r.requirement() == ProfileRole.Requirement.REQUIRED)
                .filter(r -> options.peer(r.name()).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            // Never guess: the page names these peers but not their addresses, and 0.0.0.0/0 is not a guess.
            throw new IllegalArgumentException("profile '" + name + "' needs a peer for "
                    + (missing.size() == 1 ? "role " : "roles ")
                    + missing.stream().map(r -> "'" + r.name() + "' (" + r.usedFor() + ")")
                            .collect(Collectors.joining(", ")) + "; none was given");
        }
        SpecBuilder builder = new SpecBuilder(options, roles);
        body.accept(builder);
        return new GroupSpec(options.groupName(), groupDescription, Map.of(), builder.rules());
    }

    @Override
    public String toString() {
        return name;
    }
}
