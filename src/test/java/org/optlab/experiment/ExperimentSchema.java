package org.optlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped JSON Schema of the experiment document ({@code /META-INF/resources/experiment.schema.json} on the class
 * path, served by the lab at {@code /experiment.schema.json}), checked with an independent draft 2020-12 validator.
 */
public final class ExperimentSchema {

    /** Where the schema lies on the class path. */
    public static final String RESOURCE = "/META-INF/resources/experiment.schema.json";

    static final ObjectMapper JSON = new ObjectMapper();
    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonNode NODE = load();
    private static final Schema SCHEMA = REGISTRY.getSchema(NODE);

    private ExperimentSchema() {
    }

    private static JsonNode load() {
        try (InputStream in = ExperimentSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema itself, as JSON. */
    public static JsonNode node() {
        return NODE.deepCopy();
    }

    /** The schema's complaints about a document (none: the schema accepts it); the text must be JSON. */
    public static List<Error> errors(String json) {
        try {
            return SCHEMA.validate(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Where a schema error points, in DocumentReader's notation: {@code /optimizers/0/learningRate} becomes
     * {@code optimizers[0].learningRate}, and a missing required property is named after its parent
     * ({@code problem.function}).
     */
    public static String path(Error e) {
        List<String> parts = new ArrayList<>();
        for (String segment : e.getInstanceLocation().toString().split("/")) {
            if (!segment.isEmpty() && !segment.equals("$")) {
                parts.add(segment);
            }
        }
        if (e.getProperty() != null) {
            parts.add(e.getProperty());
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (part.matches("\\d+")) {
                path.append('[').append(part).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(part);
            }
        }
        return path.toString();
    }
}
