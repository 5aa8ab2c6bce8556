package io.ranchersg.cli.view;

/** The wording the texts share. */
final class Words {

    private Words() {
    }

    /** {@code 1 rule}, {@code 2 rules}, {@code 0 rules}. */
    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
