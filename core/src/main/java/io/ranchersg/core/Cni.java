package io.ranchersg.core;

import java.util.Locale;

/** The container network an RKE2 cluster runs, which decides the ports its nodes open to each other. */
public enum Cni {
    /** RKE2's default: Flannel VXLAN with Calico policy. */
    CANAL,
    CALICO,
    CILIUM;

    /** {@return the name for flags, JSON and tags: {@code canal}, {@code calico}, {@code cilium}} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a CNI name in any case.
     *
     * @throws IllegalArgumentException naming the value if it is not one
     */
    public static Cni parse(String text) {
        for (Cni cni : values()) {
            if (cni.name().equalsIgnoreCase(text)) {
                return cni;
            }
        }
        throw new IllegalArgumentException("unknown CNI '" + text + "': expected canal, calico or cilium");
    }
}
