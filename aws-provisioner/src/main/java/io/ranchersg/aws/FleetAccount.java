package io.ranchersg.aws;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One account of a fleet scan: who it is, how to reach it, and where to look. Equal when every
 * component is.
 *
 * @param id      the 12-digit account id, or {@code null} for the caller's own account when it is not
 *                known (then the last role's account, if there are roles)
 * @param name    a name for reports (the accounts file's {@code name}), or {@code null}
 * @param roles   the roles to assume in turn to work in it, after the scan's own ({@link
 *                ClientSettings#roles()}); empty: the caller's own credentials
 * @param regions the regions to scan, in order, without repeats; empty: every region enabled for the
 *                account (DescribeRegions there)
 */
public record FleetAccount(String id, String name, List<AssumedRole> roles, List<String> regions) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /**
     * Checks the components.
     *
     * @param id the 12-digit account id, or {@code null} for the caller's own account when it is not
     *     known (then the last role's account, if there are roles)
     * @param name a name for reports (the accounts file's {@code name}), or {@code null}
     * @param roles the roles to assume in turn to work in it, after the scan's own ({@link
     *     ClientSettings#roles()}); empty: the caller's own credentials
     * @param regions the regions to scan, in order, without repeats; empty: every region enabled for
     *     the account (DescribeRegions there)
     */
    public FleetAccount {
        if (id != null && !ACCOUNT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid account id '" + id + "': expected 12 digits");
        }
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        regions = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(regions, "regions")));
        regions.forEach(ClientSettings::checkRegion);
        if (id != null && !roles.isEmpty() && !roles.get(roles.size() - 1).accountId().equals(id)) {
            throw new IllegalArgumentException("account " + id + ": its role '" + roles.get(roles.size() - 1)
                    + "' belongs to account " + roles.get(roles.size() - 1).accountId());
        }
    }

    /**
     * The caller's own account (or that of the settings' roles).
     *
     * @param regions the regions to scan; empty: every region enabled for the account
     * @return the account
     */
    public static FleetAccount own(List<String> regions) {
        return new FleetAccount(null, null, List.of(), regions);
    }

    /**
     * {@return how reports name it: {@code dev (123456789012)}, the id alone, or {@code the caller's
     * account}}
     */
    public String label() {
        if (id == null) {
            return name == null ? "the caller's account" : name;
        }
        return name == null ? id : name + " (" + id + ")";
    }
}
