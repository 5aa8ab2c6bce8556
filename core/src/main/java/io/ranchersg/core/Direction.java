package io.ranchersg.core;

/** The direction of a security group rule, as EC2 models it. */
public enum Direction {
    /** Inbound traffic; the rule's peer is the source. */
    INGRESS("ingress", "Inbound", "from"),
    /** Outbound traffic; the rule's peer is the destination. */
    EGRESS("egress", "Outbound", "to");

    private final String jsonName;
    private final String label;
    private final String preposition;

    Direction(String jsonName, String label, String preposition) {
        this.jsonName = jsonName;
        this.label = label;
        this.preposition = preposition;
    }

    /** {@return the name used in JSON output: {@code "ingress"} or {@code "egress"}} */
    public String jsonName() {
        return jsonName;
    }

    /** {@return the word the Rancher page and the EC2 console use: {@code "Inbound"} or {@code "Outbound"}} */
    public String label() {
        return label;
    }

    /** {@return {@code "from"} for ingress, {@code "to"} for egress; used in readable rule text} */
    public String preposition() {
        return preposition;
    }

    /**
     * Parses {@code ingress}/{@code egress} or {@code inbound}/{@code outbound}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the value if it is none of these
     */
    public static Direction parse(String text) {
        if (text != null) {
            for (Direction d : values()) {
                if (d.jsonName.equalsIgnoreCase(text) || d.label.equalsIgnoreCase(text)) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown direction '" + text + "': expected ingress, egress, inbound or outbound");
    }
}
