package io.ranchersg.core;

/** The stacks the README shows, one per layout, with peers named as a reader would name them. */
final class ReadmeStacks {

    private ReadmeStacks() {
    }

    static StackSpec of(Layout layout) {
        StackOptions options = StackOptions.defaults();
        if (layout != Layout.CUSTOM) {
            options = options.withPeer(Roles.RANCHER, Peer.groupNamed("rancher-server"));
        }
        options = options.withPeer(Roles.WORKLOAD_CLIENTS, Peer.groupNamed("ingress-lb"));
        if (layout != Layout.RKE2) {
            options = options.withPeer(Roles.API_CLIENTS, Peer.cidr("10.0.0.0/8"));
        }
        return StackSpec.of("prod", layout, options);
    }

    /** The generated block of a layout: its matrix and its diagram. */
    static String block(Layout layout) {
        StackSpec stack = of(layout);
        return Markdown.stackMatrix(stack) + "\n" + Markdown.stackDiagram(stack);
    }

    /** Prints every block, to paste into the README after a profile changes. */
    public static void main(String[] args) {
        for (Layout layout : Layout.values()) {
            System.out.println("<!-- BEGIN GENERATED stack-" + layout.jsonName() + " -->");
            System.out.print(block(layout));
            System.out.println("<!-- END GENERATED stack-" + layout.jsonName() + " -->");
        }
    }
}
