package io.ranchersg.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Finding;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Profile;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Warning;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
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
 */
final class Json {

    /** The version of every document's shape. */
    static final int FORMAT_VERSION = 1;

    /*
     * Documents are trees of nodes written by a plain generator: an ObjectMapper, with its
     * serializer and introspection machinery, costs a cold run more than the report itself and is
     * made only to parse.
     */
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory GENERATORS = new JsonFactory();

    private Json() {
    }

    /** A new document: an object holding {@code format_version}. */
    static ObjectNode document() {
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

    /** The document on one line, without a line break; fields in the order they were added. */
    static String write(JsonNode node) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = GENERATORS.createGenerator(text)) {
            write(generator, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL -> generator.writeNull();
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> generator.writeNumber(node.intValue());
                    case LONG -> generator.writeNumber(node.longValue());
                    case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
                    case FLOAT -> generator.writeNumber(node.floatValue());
                    case DOUBLE -> generator.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
                    default -> throw new IllegalArgumentException("no JSON for number " + node);
                }
            }
            default -> throw new IllegalArgumentException("no JSON for a " + node.getNodeType() + " node");
        }
    }

    /** Parses a document (tests and round trips). */
    static JsonNode read(String text) {
        try {
            return Parser.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mapper, made on the first parse only. */
    private static final class Parser {
        static final ObjectMapper MAPPER = new ObjectMapper();
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

    /** Security findings: {@code [{"severity","code","message","rule"}]}, most severe first. */
    static ArrayNode findings(Collection<Finding> findings) {
        ArrayNode array = array();
        for (Finding finding : findings) {
            ObjectNode node = object();
            node.put("severity", finding.severity().jsonName());
            node.put("code", finding.code());
            node.put("message", finding.message());
            node.set("rule", rule(finding.rule()));
            array.add(node);
        }
        return array;
    }

    /** The options a profile was built with, as given on the command line. */
    static ObjectNode options(ProfileOptions options) {
        ObjectNode node = object();
        node.put("ipv6", options.ipv6());
        ArrayNode openTo = node.putArray("open_to");
        options.openTo().forEach(c -> openTo.add(c.value()));
        node.put("current", options.current());
        node.put("windows_overlay", options.windowsOverlay());
        ObjectNode peers = node.putObject("peers");
        options.peers().forEach((role, peer) -> peers.put(role, peer.toString()));
        return node;
    }

    /** The {@code rules} document: the profile, its options, its rules and the page's warnings about them. */
    static ObjectNode rulesDocument(Profile profile, ProfileOptions options, GroupSpec spec, List<Finding> findings) {
        ObjectNode doc = document();
        doc.put("profile", profile.name());
        doc.put("group_name", spec.name());
        doc.put("description", spec.description());
        doc.set("options", options(options));
        doc.set("rules", rules(spec.rules()));
        doc.set("findings", findings(findings));
        return doc;
    }

    /** The {@code rules --list} document: {@code {"profiles":[{"name","summary"}]}}. */
    static ObjectNode profilesDocument(List<Profile> profiles) {
        ObjectNode doc = document();
        ArrayNode array = doc.putArray("profiles");
        for (Profile profile : profiles) {
            ObjectNode node = array.addObject();
            node.put("name", profile.name());
            node.put("summary", profile.summary());
        }
        return doc;
    }

    /** API call counts by operation name, sorted by name. */
    static ObjectNode apiCalls(Map<String, Integer> calls) {
        ObjectNode node = object();
        new TreeMap<>(calls).forEach(node::put);
        return node;
    }

    /** What an error leaves on stdout under {@code --output json}: {@code {"error":{"exit_code","message"}}}. */
    static ObjectNode errorDocument(int exitCode, String message) {
        ObjectNode doc = document();
        ObjectNode error = doc.putObject("error");
        error.put("exit_code", exitCode);
        error.put("message", message);
        return doc;
    }
}
