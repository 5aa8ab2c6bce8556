package io.ranchersg.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.cli.view.JsonShapes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON text: the documents the views build ({@link JsonShapes} holds the contract), written on
 * stdout and into report files, and what an error leaves on stdout.
 */
final class Json {

    /*
     * Documents are trees of nodes written by a plain generator: an ObjectMapper, with its
     * serializer and introspection machinery, costs a cold run more than the report itself and is
     * made only to parse.
     */
    private static final JsonFactory GENERATORS = new JsonFactory();

    private Json() {
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

    /** What an error leaves on stdout under {@code --output json}: {@code {"error":{"exit_code","message"}}}. */
    static ObjectNode errorDocument(int exitCode, String message) {
        ObjectNode doc = JsonShapes.document();
        ObjectNode error = doc.putObject("error");
        error.put("exit_code", exitCode);
        error.put("message", message);
        return doc;
    }
}
