package org.optlab.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Pre;
import org.optlab.engine.Algorithm;

/**
 * The lecture's algorithm boxes, as the optimizer classes carry them in their Javadoc (algorithm-boxes.json; a test keeps
 * the two the same), for the "algorithm box" dialog of an optimizer card and of a lesson.
 */
final class AlgorithmBoxes {

    private static final JsonNode BOXES;

    static {
        try (InputStream in = AlgorithmBoxes.class.getResourceAsStream("algorithm-boxes.json")) {
            BOXES = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AlgorithmBoxes() {
    }

    static String title(String algorithm) {
        return BOXES.path(algorithm).path("title").asText(algorithm);
    }

    static String box(String algorithm) {
        return BOXES.path(algorithm).path("box").asText("");
    }

    /** Opens the algorithm's box in a dialog (from an optimizer card or a lesson). */
    static void open(Algorithm a) {
        Dialog d = new Dialog();
        d.setHeaderTitle(title(a.id()));
        Pre pre = new Pre(box(a.id()));
        pre.addClassName("algorithm-box");
        pre.getStyle().set("font-size", "var(--lumo-font-size-s)").set("white-space", "pre-wrap");
        d.add(pre);
        d.getFooter().add(new Button("Close", e -> d.close()));
        d.open();
    }
}
