package org.optlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The lecture's algorithm boxes as text, by algorithm id, as the optimizer classes carry them in their Javadoc
 * (algorithm-boxes.json beside this class; a test keeps the two the same): what the "algorithm box" dialog of an
 * optimizer card and of a lesson shows. Read once with the {@link DocumentCodec}'s mapper.
 */
public final class LectureBoxes {

    private static final JsonNode BOXES;

    static {
        try (InputStream in = LectureBoxes.class.getResourceAsStream("algorithm-boxes.json")) {
            BOXES = DocumentCodec.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LectureBoxes() {
    }

    /** The box's title ("Algorithm 8.1, stochastic gradient descent (SGD) update at training iteration k."), or the id when there is none. */
    public static String title(String algorithm) {
        return BOXES.path(algorithm).path("title").asText(algorithm);
    }

    /** The box's lines, as the lecture sets them; empty when there is none. */
    public static String box(String algorithm) {
        return BOXES.path(algorithm).path("box").asText("");
    }
}
