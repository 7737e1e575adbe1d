package org.optlab.experiment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.optlab.dataset.CsvImport;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.model.Activation;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentDocument.ScheduleSpec;

/**
 * The one JSON mapping of the experiment document: one {@link ObjectMapper}, the read limits, every closed set written
 * as its id ({@code "rmsprop-nesterov"}, {@code "mlp"}), and an optimizer's hyper-parameters written flat under their
 * document keys ({@code "learningRate": 0.01}). Doubles are written in their shortest exact form, so they read back bit
 * for bit: with Jackson's Schubfach writer ({@code USE_FAST_DOUBLE_WRITER}), several times faster than Java 17's
 * {@code Double.toString} (which in rare cases writes more digits than needed; both read back to the same double);
 * turning a run's numbers into text was most of a Save's time.
 */
public final class DocumentCodec {

    /** Limits enforced while the text is read, before any tree is built beyond them. */
    static final com.fasterxml.jackson.core.StreamReadConstraints READ_LIMITS =
            com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(100)
                    .maxStringLength((int) CsvImport.MAX_BYTES + 1024)
                    .maxDocumentLength(CsvImport.MAX_BYTES + 5L * 1024 * 1024)
                    .build();

    /** The mapper: strict about duplicates and trailing tokens; unknown fields are the reader's business (notes). */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(READ_LIMITS)
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .addModule(module())
            .build();

    private DocumentCodec() {
    }

    /** The document as JSON on one line, as a store keeps it. */
    public static String writeCompact(ExperimentDocument document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as indented JSON. */
    public static String write(ExperimentDocument document) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Another JSON file of the application's own (an owner index, the lecture's boxes) as a tree, read with the same
     * mapper and limits as a document.
     */
    public static JsonNode readTree(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** {@link #readTree(byte[])} from a stream (a resource); the caller closes it. */
    public static JsonNode readTree(java.io.InputStream json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** An empty JSON object, to fill and write with {@link #writeTree}. */
    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** A tree as compact UTF-8 JSON. */
    public static byte[] writeTree(JsonNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SimpleModule module() {
        SimpleModule m = new SimpleModule("optlab-document");
        ids(m, Algorithm.class, Algorithm::id, Algorithm::byId);
        ids(m, Activation.class, Activation::id, Activation::byId);
        ids(m, ModelType.class, ModelType::id, ModelType::byId);
        ids(m, Init.class, Init::id, Init::byId);
        ids(m, ScheduleType.class, ScheduleType::id, ScheduleType::byId);
        ids(m, CsvImport.Task.class, CsvImport.Task::id, CsvImport.Task::byId);
        m.addSerializer(OptimizerSpec.class, new OptimizerWriter());
        m.addDeserializer(OptimizerSpec.class, new OptimizerReader());
        m.addDeserializer(ProblemSpec.class, new ProblemReader());
        return m;
    }

    /** A closed set written as its ids; an unknown id cannot reach here (the reader refuses it first). */
    private static <E extends Enum<E>> void ids(SimpleModule m, Class<E> type, Function<E, String> id,
                                                 Function<String, E> byId) {
        m.addSerializer(type, new JsonSerializer<E>() {
            @Override
            public void serialize(E value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(id.apply(value));
            }
        });
        m.addDeserializer(type, new JsonDeserializer<E>() {
            @Override
            public E deserialize(JsonParser p, DeserializationContext c) throws IOException {
                E e = byId.apply(p.getValueAsString());
                if (e == null) {
                    return (E) c.handleWeirdStringValue(type, p.getValueAsString(), "not one of the ids");
                }
                return e;
            }
        });
    }

    /** An optimizer, its hyper-parameters flat under their keys, in the order of the lecture's boxes. */
    private static final class OptimizerWriter extends JsonSerializer<OptimizerSpec> {
        @Override
        public void serialize(OptimizerSpec o, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            if (o.label() != null) {
                g.writeStringField("label", o.label());
            }
            if (o.algorithm() != null) {
                g.writeStringField("algorithm", o.algorithm().id());
            }
            for (Hyper h : Hyper.values()) {
                Double v = o.hyper(h);
                if (v != null) {
                    g.writeNumberField(h.key(), v);
                }
            }
            if (o.biasCorrection() != null) {
                g.writeBooleanField("biasCorrection", o.biasCorrection());
            }
            if (o.clipNorm() != null) {
                g.writeNumberField("clipNorm", o.clipNorm());
            }
            if (o.gradientNoise() != null) {
                g.writeNumberField("gradientNoise", o.gradientNoise());
            }
            if (o.schedule() != null) {
                g.writeFieldName("schedule");
                p.defaultSerializeValue(o.schedule(), g);
            }
            if (o.batchSize() != null) {
                g.writeNumberField("batchSize", o.batchSize());
            }
            if (o.start() != null) {
                g.writeFieldName("start");
                g.writeArray(o.start(), 0, o.start().length);
            }
            g.writeEndObject();
        }
    }

    /**
     * A problem as the kind its object names: a dataset problem when it gives {@code dataset}, else a function problem
     * (the reader has refused an object that gives both, and left only its kind's fields).
     */
    private static final class ProblemReader extends JsonDeserializer<ProblemSpec> {
        @Override
        public ProblemSpec deserialize(JsonParser p, DeserializationContext c) throws IOException {
            JsonNode n = c.readTree(p);
            Class<? extends ProblemSpec> kind = n.hasNonNull("dataset") ? ProblemSpec.DatasetSpec.class
                    : ProblemSpec.FunctionSpec.class;
            return c.readTreeAsValue(n, kind);
        }
    }

    /** Reads what {@link OptimizerWriter} writes; the reader has checked each field's kind before. */
    private static final class OptimizerReader extends JsonDeserializer<OptimizerSpec> {
        @Override
        public OptimizerSpec deserialize(JsonParser p, DeserializationContext c) throws IOException {
            JsonNode n = c.readTree(p);
            OptimizerSpec o = OptimizerSpec.of(text(n, "label"),
                    n.hasNonNull("algorithm") ? Algorithm.byId(n.get("algorithm").asText()) : null);
            for (Hyper h : Hyper.values()) {
                o = o.with(h, number(n, h.key()));
            }
            return o.withBiasCorrection(n.hasNonNull("biasCorrection") ? n.get("biasCorrection").asBoolean() : null)
                    .withClipNorm(number(n, "clipNorm"))
                    .withGradientNoise(number(n, "gradientNoise"))
                    .withSchedule(n.hasNonNull("schedule") ? c.readTreeAsValue(n.get("schedule"), ScheduleSpec.class) : null)
                    .withBatchSize(n.hasNonNull("batchSize") ? n.get("batchSize").asInt() : null)
                    .withStart(n.hasNonNull("start") ? c.readTreeAsValue(n.get("start"), double[].class) : null);
        }

        private static String text(JsonNode n, String field) {
            return n.hasNonNull(field) ? n.get(field).asText() : null;
        }

        private static Double number(JsonNode n, String field) {
            return n.hasNonNull(field) ? n.get(field).asDouble() : null;
        }
    }
}
