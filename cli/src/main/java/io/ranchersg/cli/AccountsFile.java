package io.ranchersg.cli;

import io.ranchersg.aws.AssumedRole;
import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.FleetAccount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The accounts of a fleet scan, as Cloud Custodian's c7n-org reads them from YAML:
 *
 * <pre>
 * vars: {owner: platform}                                   # c7n-org's policy variables: accepted, unused
 * accounts:
 *   - account_id: "123456789012"
 *     name: prod
 *     role: rancher-sg-audit            # a role name (in the account), an ARN, or a list of ARNs: a chain
 *     external_id: rancher-sg-7f3a      # sent with every role of the chain
 *     regions: [eu-west-1, eu-central-1]   # or [all], or "eu-west-1,eu-central-1" items; default: all enabled
 *     tags: [env:prod, team:platform]
 *   - account_id: "210987654321"
 *     name: dev
 *     profile: dev                      # an AWS profile, when there is no role
 * </pre>
 *
 * <p>The text is YAML as PyYAML (c7n-org's reader) loads it: YAML 1.1 scalars, aliases and
 * {@code <<} merge keys resolved. What PyYAML would silently settle is refused: a key given twice
 * in one mapping (the line is named), more than {@value #MAX_ALIASES} aliases of collections (a
 * "billion laughs" file), a text longer than {@value #MAX_SIZE} characters.
 *
 * <p>Every value is checked when the file is read; a bad one is an {@link IllegalArgumentException}
 * naming it (and the account it belongs to), so that nothing is sent to AWS for a file with a
 * mistake in it. The keys of c7n-org's schema are known ({@code email}, {@code display_name},
 * {@code org_id} and {@code vars} are accepted and unused); like c7n-org, an account may carry keys
 * of its own, except one that looks like a misspelt known key (a misspelt {@code regions} would
 * otherwise scan every region).
 *
 * @param accounts the accounts, in the file's order; ids and names are unique
 */
record AccountsFile(List<Account> accounts) {

    /** The most bytes read from the file, and characters of its text (8 MiB): tens of thousands of accounts. */
    static final int MAX_SIZE = 8 * 1024 * 1024;
    /**
     * The most aliases of lists and mappings a file may use: enough for an account file of thousands
     * of accounts that each merge ({@code <<: *defaults}) a shared mapping, few enough that no
     * reader of the document can be made to walk an exponential expansion ("billion laughs").
     */
    static final int MAX_ALIASES = 50_000;

    private static final Set<String> TOP_KEYS = Set.of("accounts", "vars");
    /** c7n-org's keys for other clouds: a file of those is not for a scan of AWS accounts. */
    private static final Set<String> OTHER_CLOUDS = Set.of("subscriptions", "projects", "tenancies");
    private static final Set<String> ACCOUNT_KEYS = Set.of("account_id", "name", "role", "profile",
            "external_id", "regions", "tags", "vars", "email", "display_name", "org_id");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** {@code regions: [all]}: every region enabled for the account, as c7n-org reads it. */
    private static final String ALL_REGIONS = "all";

    AccountsFile {
        accounts = List.copyOf(accounts);
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Account account : accounts) {
            if (!ids.add(account.id())) {
                throw new IllegalArgumentException("account_id '" + account.id() + "' is listed twice");
            }
            if (!names.add(account.name())) {
                throw new IllegalArgumentException("name '" + account.name() + "' is given to two accounts");
            }
        }
    }

    /**
     * One account of the file.
     *
     * @param id      the 12-digit account id
     * @param name    its name, unique in the file
     * @param roles   the roles to assume in turn (the last one in the account), each with the
     *                external id; empty: reached through its profile, or the caller's own credentials
     * @param profile the AWS profile whose credentials reach it when it has no role, or {@code null}
     * @param regions its regions; empty: those enabled for it
     * @param tags    its tags, such as {@code env:prod}, for {@code --tag}
     */
    record Account(String id, String name, List<AssumedRole> roles, String profile, List<String> regions,
                   List<String> tags) {

        Account {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            roles = List.copyOf(roles);
            regions = List.copyOf(regions);
            tags = List.copyOf(tags);
        }

        /** The account as the scanner takes it. */
        FleetAccount toFleetAccount() {
            return new FleetAccount(id, name, roles, regions, profile);
        }
    }

    /**
     * Reads and checks a file's text.
     *
     * @throws IllegalArgumentException naming the first bad value, and where it is; never a value
     *                                  of the file the YAML reader could not read (it may be a secret)
     */
    static AccountsFile parse(String text) {
        Object root = load(text);
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException("expected a mapping with the key 'accounts'");
        }
        for (Object key : top.keySet()) {
            String name = String.valueOf(key);
            if (OTHER_CLOUDS.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' lists accounts of another cloud: a scan reads"
                        + " AWS accounts ('accounts')");
            }
            if (!TOP_KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key '" + name + "'" + closest(name, TOP_KEYS)
                        .map(known -> ": did you mean " + known + "?").orElse(" (expected accounts, vars)"));
            }
        }
        mapping(top.get("vars"), "vars", "");
        Object list = top.get("accounts");
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException("expected 'accounts:' with a list of accounts");
        }
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            accounts.add(account(items.get(i), i + 1));
        }
        return new AccountsFile(accounts);
    }

    /**
     * The YAML document, as PyYAML's {@code safe_load} builds it (mappings, lists, scalars), with
     * the limits and refusals of this class.
     */
    static Object load(String text) {
        if (text.length() > MAX_SIZE) {
            throw new IllegalArgumentException("larger than " + MAX_SIZE + " characters");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_SIZE);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (DuplicateKeyException e) {
            // Its message quotes the lines around the key: say only which key and where.
            throw new IllegalArgumentException("a key is given twice in one mapping" + at(e.getProblemMark())
                    + ": give each key once");
        } catch (MarkedYAMLException e) {
            // The reader's message quotes the offending line, which may be the external_id's: keep only
            // what went wrong and where, never the text.
            throw new IllegalArgumentException("not valid YAML: " + ErrorFunnel.oneLine(e.getProblem())
                    + at(e.getProblemMark()));
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not valid YAML: " + ErrorFunnel.oneLine(e.getMessage()));
        }
    }

    private static String at(Mark mark) {
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static Account account(Object node, int position) {
        String where = "account " + position;
        if (!(node instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a mapping with account_id, name, role, ...");
        }
        Object idValue = map.get("account_id");
        if (idValue == null) {
            throw new IllegalArgumentException(where + ": account_id is missing");
        }
        String id = scalar(idValue, "account_id", where);
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(where + ": invalid account_id '" + id + "': expected 12 digits"
                    + (idValue instanceof Number ? ", quoted (\"012345678901\")" : ""));
        }
        where = "account " + id;
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            Optional<String> known = ACCOUNT_KEYS.contains(name) ? Optional.empty() : closest(name, ACCOUNT_KEYS);
            if (known.isPresent()) {
                throw new IllegalArgumentException(where + ": unknown key '" + name + "': did you mean "
                        + known.get() + "?");
            }
        }
        String name = text(map, "name", where);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(where + ": name is missing");
        }
        for (String unused : List.of("email", "display_name", "org_id")) {
            text(map, unused, where);
        }
        mapping(map.get("vars"), "vars", where + ": ");
        List<AssumedRole> roles = roles(map, id, where);
        String profile = text(map, "profile", where);
        if (profile != null && (profile.isBlank() || !profile.equals(profile.strip()))) {
            throw new IllegalArgumentException(where + ": profile '" + profile + "' is blank or has blanks around it");
        }
        List<String> regions = regions(map, where);
        List<String> tags = strings(map, "tags", where);
        return new Account(id, name.strip(), roles, profile, regions, tags);
    }

    /**
     * The role chain, as c7n-org builds it: a single name that is not an ARN is a role of the
     * account itself; the external id goes with every role.
     */
    private static List<AssumedRole> roles(Map<?, ?> map, String id, String where) {
        Object role = map.get("role");
        List<String> arns;
        if (role instanceof List<?>) {
            arns = strings(map, "role", where);
        } else if (role != null) {
            String single = scalar(role, "role", where).strip();
            arns = List.of(single.startsWith("arn") ? single : "arn:aws:iam::" + id + ":role/" + single);
        } else {
            arns = List.of();
        }
        String externalId = text(map, "external_id", where);
        if (externalId != null && arns.isEmpty()) {
            throw new IllegalArgumentException(where + ": external_id is sent only with a role: give role too");
        }
        List<AssumedRole> roles = new ArrayList<>();
        for (String arn : arns) {
            try {
                roles.add(new AssumedRole(arn, externalId));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": role: " + e.getMessage()
                        + (role instanceof List<?> && !arn.startsWith("arn") ? " (only a single role may be a"
                                + " name: a chain lists ARNs)" : ""), e);
            }
        }
        if (!roles.isEmpty() && !roles.get(roles.size() - 1).accountId().equals(id)) {
            throw new IllegalArgumentException(where + ": its role '" + arns.get(arns.size() - 1)
                    + "' belongs to account " + roles.get(roles.size() - 1).accountId()
                    + " (the last role of a chain is the account's own)");
        }
        return roles;
    }

    /** Its regions, each item possibly a comma-separated list, as c7n-org expands them; {@code all}: none listed. */
    private static List<String> regions(Map<?, ?> map, String where) {
        Set<String> regions = new LinkedHashSet<>();
        for (String item : strings(map, "regions", where)) {
            for (String region : item.split(",", -1)) {
                regions.add(region.strip());
            }
        }
        if (regions.contains(ALL_REGIONS)) {
            return List.of();
        }
        for (String region : regions) {
            try {
                ClientSettings.checkRegion(region);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": regions: " + e.getMessage(), e);
            }
        }
        return List.copyOf(regions);
    }

    /**
     * The known key that {@code key} is most likely a misspelling of: the same once case, {@code -}
     * and {@code _} are set aside, or one or two edits away (one for short keys).
     */
    static Optional<String> closest(String key, Set<String> known) {
        String plain = plain(key);
        return known.stream()
                .filter(k -> {
                    String candidate = plain(k);
                    int allowed = Math.min(plain.length(), candidate.length()) <= 4 ? 1 : 2;
                    return editDistance(plain, candidate) <= allowed;
                })
                .min(Comparator.comparingInt((String k) -> editDistance(plain, plain(k))).thenComparing(k -> k));
    }

    private static String plain(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** A scalar as text: YAML 1.1 reads {@code 012} or {@code yes} as numbers and booleans, c7n-org's values are text. */
    static String scalar(Object value, String key, String where) {
        if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof byte[]) {
            throw new IllegalArgumentException(where + ": " + key + " must be a single value");
        }
        return String.valueOf(value);
    }

    static String text(Map<?, ?> node, String key, String where) {
        Object value = node.get(key);
        return value == null ? null : scalar(value, key, where);
    }

    private static void mapping(Object value, String key, String where) {
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(where + key + " must be a mapping");
        }
    }

    static List<String> strings(Map<?, ?> node, String key, String where) {
        Object value = node.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new IllegalArgumentException(where + ": " + key + " must be a list");
        }
        List<String> values = new ArrayList<>();
        for (Object item : items) {
            if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
                throw new IllegalArgumentException(where + ": " + key + " must list single values");
            }
            values.add(scalar(item, key, where));
        }
        return values;
    }

    /**
     * The accounts that {@code --account} and {@code --tag} select, in the file's order: named by
     * one of {@code namesOrIds} (all when none), and carrying every one of {@code tags}.
     *
     * @throws IllegalArgumentException when a name or id is not in the file
     */
    List<Account> select(List<String> namesOrIds, List<String> tags) {
        for (String wanted : namesOrIds) {
            if (accounts.stream().noneMatch(a -> a.id().equals(wanted) || a.name().equals(wanted))) {
                throw new IllegalArgumentException("no account has the name or id '" + wanted + "'");
            }
        }
        return accounts.stream()
                .filter(a -> namesOrIds.isEmpty() || namesOrIds.contains(a.id()) || namesOrIds.contains(a.name()))
                .filter(a -> a.tags().containsAll(tags))
                .toList();
    }

    /** The accounts by id, for reports. */
    Map<String, String> namesById() {
        Map<String, String> names = new LinkedHashMap<>();
        accounts.forEach(a -> names.put(a.id(), a.name()));
        return names;
    }
}
