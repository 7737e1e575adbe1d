package org.optlab.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The lecture's algorithm boxes, as the optimizer classes carry them in their Javadoc (algorithm-boxes.json; a test keeps
 * the two the same), for the "algorithm box" dialog of an optimizer card.
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
}
