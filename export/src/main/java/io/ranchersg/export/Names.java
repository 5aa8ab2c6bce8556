package io.ranchersg.export;

import java.util.Locale;
import java.util.Set;

/** Identifiers for the formats, made from group names, roles and rule labels. */
final class Names {

    private Names() {
    }

    /**
     * {@code rancher-nodes} as a Terraform or shell identifier: {@code rancher_nodes}; lower case,
     * runs of other characters as one {@code _}, never starting with a digit.
     */
    static String snake(String text) {
        String snake = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (snake.isEmpty() || Character.isDigit(snake.charAt(0))) {
            snake = "sg_" + snake;
        }
        return snake;
    }

    /** {@code rancher-nodes} as a CloudFormation logical id: {@code RancherNodes}; letters and digits only. */
    static String pascal(String text) {
        StringBuilder out = new StringBuilder();
        for (String part : text.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, "Sg");
        }
        return out.toString();
    }

    /** The name, or the name with the first free suffix {@code 2}, {@code 3}, ...; the result is taken. */
    static String unique(Set<String> taken, String name, String separator) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + separator + n;
        }
        return candidate;
    }
}
