package io.ranchersg.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ranchersg.aws.AssumedRole;
import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.FleetAccount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The accounts of a fleet scan, as Cloud Custodian's c7n-org reads them from YAML:
 *
 * <pre>
 * accounts:
 *   - account_id: "123456789012"
 *     name: prod
 *     role: arn:aws:iam::123456789012:role/rancher-sg-audit   # or a list: a chain, assumed in order
 *     external_id: rancher-sg-7f3a                            # sent with the last role
 *     regions: [eu-west-1, eu-central-1]                      # default: the regions enabled for it
 *     tags: [env:prod, team:platform]
 * </pre>
 *
 * Every value is checked when the file is read; a bad one is an {@link IllegalArgumentException}
 * naming it (and the account it belongs to), so that nothing is sent to AWS for a file with a
 * mistake in it. Unknown keys are refused rather than ignored: a misspelt {@code regions} would
 * otherwise scan every region. c7n-org's {@code vars} (policy variables) are accepted and unused.
 *
 * @param accounts the accounts, in the file's order; ids and names are unique
 */
record AccountsFile(List<Account> accounts) {

    private static final Set<String> TOP_KEYS = Set.of("accounts");
    private static final Set<String> ACCOUNT_KEYS =
            Set.of("account_id", "name", "role", "external_id", "regions", "tags", "vars");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
     * @param roles   the roles to assume in turn (the last one in the account), the external id with
     *                the last; empty: the caller's own credentials reach it
     * @param regions its regions; empty: those enabled for it
     * @param tags    its tags, such as {@code env:prod}, for {@code --tag}
     */
    record Account(String id, String name, List<AssumedRole> roles, List<String> regions, List<String> tags) {

        Account {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            roles = List.copyOf(roles);
            regions = List.copyOf(regions);
            tags = List.copyOf(tags);
        }

        /** The account as the scanner takes it. */
        FleetAccount toFleetAccount() {
            return new FleetAccount(id, name, roles, regions);
        }
    }

    /**
     * Reads and checks a file's text.
     *
     * @throws IllegalArgumentException naming the first bad value, and where it is
     */
    static AccountsFile parse(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid YAML: " + ErrorFunnel.oneLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a mapping with the key 'accounts'");
        }
        unknownKeys(root, TOP_KEYS, "");
        JsonNode list = root.get("accounts");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("expected 'accounts:' with a list of accounts");
        }
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            accounts.add(account(list.get(i), i + 1));
        }
        return new AccountsFile(accounts);
    }

    private static Account account(JsonNode node, int position) {
        String where = "account " + position;
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a mapping with account_id, name, role, ...");
        }
        JsonNode idNode = node.get("account_id");
        if (idNode == null || idNode.isNull()) {
            throw new IllegalArgumentException(where + ": account_id is missing");
        }
        String id = idNode.asText();
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(where + ": invalid account_id '" + id + "': expected 12 digits"
                    + (idNode.isNumber() ? ", quoted (\"012345678901\")" : ""));
        }
        where = "account " + id;
        unknownKeys(node, ACCOUNT_KEYS, where + ": ");
        String name = text(node, "name", where);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(where + ": name is missing");
        }
        List<String> arns = node.has("role") && node.get("role").isArray() ? strings(node, "role", where)
                : node.has("role") && !node.get("role").isNull() ? List.of(text(node, "role", where)) : List.of();
        String externalId = text(node, "external_id", where);
        if (externalId != null && arns.isEmpty()) {
            throw new IllegalArgumentException(where + ": external_id is sent only with a role: give role too");
        }
        List<AssumedRole> roles = new ArrayList<>();
        for (int i = 0; i < arns.size(); i++) {
            try {
                roles.add(new AssumedRole(arns.get(i), i == arns.size() - 1 ? externalId : null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": role: " + e.getMessage(), e);
            }
        }
        if (!roles.isEmpty() && !roles.get(roles.size() - 1).accountId().equals(id)) {
            throw new IllegalArgumentException(where + ": its role '" + arns.get(arns.size() - 1)
                    + "' belongs to account " + roles.get(roles.size() - 1).accountId()
                    + " (the last role of a chain is the account's own)");
        }
        List<String> regions = strings(node, "regions", where);
        for (String region : regions) {
            try {
                ClientSettings.checkRegion(region);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": regions: " + e.getMessage(), e);
            }
        }
        List<String> tags = strings(node, "tags", where);
        return new Account(id, name.strip(), roles, List.copyOf(new LinkedHashSet<>(regions)), tags);
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!known.contains(key)) {
                throw new IllegalArgumentException(where + "unknown key '" + key + "' (expected one of "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException(where + ": " + key + " must be a single value");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(where + ": " + key + " must be a list");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isValueNode() || item.isNull()) {
                throw new IllegalArgumentException(where + ": " + key + " must list single values");
            }
            values.add(item.asText());
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
