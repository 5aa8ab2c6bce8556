package io.ranchersg.cli.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.core.Control;
import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Finding;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Warning;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON contract of the CLI, in one place. Every document is an object with
 * {@code "format_version": 1} first; fields are only ever added within a format version. Rules
 * have one shape everywhere:
 *
 * <pre>{"direction":"ingress","protocol":"tcp","from_port":22,"to_port":22,
 *  "source":{"kind":"cidr","value":"0.0.0.0/0"},"description":"..."}</pre>
 *
 * <p>{@code direction} is {@code ingress} or {@code egress}; {@code protocol} is {@code tcp},
 * {@code udp}, {@code icmp}, {@code icmpv6} or {@code all}, and {@code all} has null ports; for ICMP
 * the ports are EC2's type and code (-1 for any). {@code source} is the peer for both directions
 * (the destination of an egress rule); its {@code kind} is {@code cidr}, {@code self} (no value),
 * {@code group}, {@code group_name} or {@code prefix_list}.
 *
 * <p>The views build their documents from these shapes as trees of nodes; the commands write them.
 */
public final class JsonShapes {

    /** The version of every document's shape. */
    static final int FORMAT_VERSION = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonShapes() {
    }

    /** A new document: an object holding {@code format_version}. */
    public static ObjectNode document() {
        ObjectNode node = NODES.objectNode();
        node.put("format_version", FORMAT_VERSION);
        return node;
    }

    /** An empty object (not a document). */
    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** An empty array. */
    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** One rule, see the class comment. */
    static ObjectNode rule(Rule rule) {
        ObjectNode node = object();
        node.put("direction", rule.direction().jsonName());
        node.put("protocol", rule.protocol().jsonName());
        if (rule.ports() == null) {
            node.putNull("from_port");
            node.putNull("to_port");
        } else {
            node.put("from_port", rule.ports().from());
            node.put("to_port", rule.ports().to());
        }
        node.set("source", peer(rule.peer()));
        node.put("description", rule.description());
        return node;
    }

    /** A rule's peer: {@code kind}, and {@code value} unless the kind is {@code self}. */
    static ObjectNode peer(Peer peer) {
        ObjectNode node = object();
        node.put("kind", peer.kind());
        if (peer.value() != null) {
            node.put("value", peer.value());
        }
        return node;
    }

    /** Rules as an array, in the given order. */
    static ArrayNode rules(Collection<Rule> rules) {
        ArrayNode array = array();
        rules.forEach(r -> array.add(rule(r)));
        return array;
    }

    /** Description changes: {@code [{"before": rule, "after": rule}]}. */
    static ArrayNode changes(Collection<DescriptionChange> changes) {
        ArrayNode array = array();
        for (DescriptionChange change : changes) {
            ObjectNode node = object();
            node.set("before", rule(change.before()));
            node.set("after", rule(change.after()));
            array.add(node);
        }
        return array;
    }

    /** Warnings about a run: {@code [{"code","message"}]}. */
    static ArrayNode warnings(Collection<Warning> warnings) {
        ArrayNode array = array();
        for (Warning warning : warnings) {
            ObjectNode node = array.addObject();
            node.put("code", warning.code());
            node.put("message", warning.message());
        }
        return array;
    }

    /**
     * Security findings: {@code [{"severity","code","message","rule","controls"}]}, most severe first;
     * {@code controls} as {@code [{"standard":"aws-fsbp","id":"EC2.13"},
     * {"standard":"cis-aws-foundations","version":"3.0.0","id":"5.2"}]}.
     */
    static ArrayNode findings(Collection<Finding> findings) {
        ArrayNode array = array();
        for (Finding finding : findings) {
            ObjectNode node = object();
            node.put("severity", finding.severity().jsonName());
            node.put("code", finding.code());
            node.put("message", finding.message());
            node.set("rule", rule(finding.rule()));
            ArrayNode controls = node.putArray("controls");
            for (Control control : finding.controls()) {
                ObjectNode c = controls.addObject().put("standard", control.standard());
                if (!control.version().isEmpty()) {
                    c.put("version", control.version());
                }
                c.put("id", control.id());
            }
            array.add(node);
        }
        return array;
    }

    /** API call counts by operation name, sorted by name. */
    static ObjectNode apiCalls(Map<String, Integer> calls) {
        ObjectNode node = object();
        new TreeMap<>(calls).forEach(node::put);
        return node;
    }
}
