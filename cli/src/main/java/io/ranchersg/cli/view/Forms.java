package io.ranchersg.cli.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import java.util.function.Supplier;

/** A view given by its two forms, each rendered when asked for. */
class Forms implements View {

    private final Supplier<ObjectNode> document;
    private final Function<Style, String> text;

    Forms(Supplier<ObjectNode> document, Function<Style, String> text) {
        this.document = document;
        this.text = text;
    }

    @Override
    public ObjectNode document() {
        return document.get();
    }

    @Override
    public String text(Style style) {
        return text.apply(style);
    }
}
