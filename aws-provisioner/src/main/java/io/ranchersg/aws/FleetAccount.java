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
 * @param profile without roles of its own, the AWS profile (of the shared config files) whose
 *                credentials reach the account instead of the caller's; {@code null}: none
 */
public record FleetAccount(String id, String name, List<AssumedRole> roles, List<String> regions, String profile) {

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
     * @param profile without roles of its own, the AWS profile whose credentials reach the account;
     *     {@code null}: none
     */
    public FleetAccount {
        if (id != null && !ACCOUNT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid account id '" + id + "': expected 12 digits");
        }
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        regions = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(regions, "regions")));
        regions.forEach(ClientSettings::checkRegion);
        if (profile != null && profile.isBlank()) {
            throw new IllegalArgumentException("account " + id + ": blank profile name");
        }
        if (id != null && !roles.isEmpty() && !roles.get(roles.size() - 1).accountId().equals(id)) {
            throw new IllegalArgumentException("account " + id + ": its role '" + roles.get(roles.size() - 1)
                    + "' belongs to account " + roles.get(roles.size() - 1).accountId());
        }
    }

    /**
     * An account reached through roles, or the caller's own credentials: no profile.
     *
     * @param id the 12-digit account id, or {@code null} for the caller's own account when it is not
     *     known
     * @param name a name for reports, or {@code null}
     * @param roles the roles to assume in turn; empty: the caller's own credentials
     * @param regions the regions to scan; empty: every region enabled for the account
     */
    public FleetAccount(String id, String name, List<AssumedRole> roles, List<String> regions) {
        this(id, name, roles, regions, null);
    }

    /**
     * This account, scanned in other regions.
     *
     * @param newRegions the regions to scan; empty: every region enabled for the account
     * @return a new account; this one is unchanged
     */
    public FleetAccount withRegions(List<String> newRegions) {
        return new FleetAccount(id, name, roles, newRegions, profile);
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
