package io.ranchersg.core;

import java.util.Locale;

/**
 * EC2's rules for the free text of VPC security groups: group names, group descriptions and rule
 * descriptions all allow only {@code a-z A-Z 0-9}, space and {@code ._-:/()#,@[]+=&;{}!$*}, up to
 * 255 characters. Checking here means a bad value fails before anything reaches AWS.
 */
final class Ec2Text {

    /** The characters besides ASCII letters and digits that EC2 allows. */
    static final String ALLOWED_PUNCTUATION = " ._-:/()#,@[]+=&;{}!$*";
    static final String ALLOWED_DESCRIPTION = "a-z A-Z 0-9 space " + ALLOWED_PUNCTUATION.substring(1);
    static final int MAX_LENGTH = 255;
    /** The name of every VPC's default group. */
    static final String RESERVED_NAME = "default";

    private Ec2Text() {
    }

    /** Checks a group name: 1..255 allowed characters, not starting with {@code sg-}. */
    static String checkGroupName(String name) {
        check("security group name", name, 1);
        if (name.toLowerCase(Locale.ROOT).startsWith("sg-")) {
            throw new IllegalArgumentException("security group name '" + name
                    + "' must not start with 'sg-': EC2 reserves that prefix for group ids");
        }
        return name;
    }

    /**
     * Checks the name of a group rancher-sg creates or manages: a {@linkplain #checkGroupName group
     * name}, and not {@code default} (any case), which EC2 reserves for each VPC's default group; a
     * group of that name is never one to create, adopt or prune. (A peer may still name it.)
     */
    static String checkManagedGroupName(String name) {
        checkGroupName(name);
        if (name.equalsIgnoreCase(RESERVED_NAME)) {
            throw new IllegalArgumentException("security group name '" + name + "' is reserved: EC2 gives that"
                    + " name to each VPC's default group, which rancher-sg does not create or take over");
        }
        return name;
    }

    /** Checks a group description: 1..255 allowed characters. */
    static String checkGroupDescription(String description) {
        return check("security group description", description, 1);
    }

    /** Checks a rule description: 0..255 allowed characters. */
    static String checkRuleDescription(String description) {
        return check("rule description", description, 0);
    }

    private static String check(String what, String value, int minLength) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (value.length() < minLength) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " '" + abbreviate(value) + "' is " + value.length()
                    + " characters long; EC2 allows at most " + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAllowed(c)) {
                throw new IllegalArgumentException(what + " '" + abbreviate(value) + "' contains '" + c
                        + "', which EC2 does not allow; allowed are " + ALLOWED_DESCRIPTION);
            }
        }
        return value;
    }

    static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
    }

    /** Keeps messages about very long values readable while still naming them. */
    static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
