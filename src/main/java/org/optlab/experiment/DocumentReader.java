package org.optlab.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.model.Activation;
import org.optlab.dataset.CsvImport;

/**
 * Reads and validates an experiment document. Validation walks the whole JSON tree and reports every problem at once, each
 * with its JSON path ({@code optimizers[1].learningRate must be > 0, got -0.1}); unknown fields are ignored with a note.
 */
public final class DocumentReader {

    /** A valid document, plus notes about what was ignored. */
    public record Read(ExperimentDocument document, List<String> notes) {
    }

    /** Limits enforced while the text is read, before any tree is built beyond them. */
    static final com.fasterxml.jackson.core.StreamReadConstraints READ_LIMITS = DocumentCodec.READ_LIMITS;

    static final ObjectMapper MAPPER = DocumentCodec.MAPPER;

    /** The JSON kind each field must have; a field of the wrong kind is a violation and is left out of the binding. */
    private enum Kind {
        INTEGER, INT32, NUMBER, TEXT, BOOLEAN, OBJECT, NUMBERS, INTEGERS, MATRIX, LIST,
        /** One of the closed sets: a string among its ids. */
        ALGORITHM, MODEL_TYPE, ACTIVATION, INIT, TASK, SCHEDULE_TYPE
    }

    private static final Map<String, Kind> TOP = Map.ofEntries(Map.entry("schemaVersion", Kind.INTEGER),
            Map.entry("name", Kind.TEXT), Map.entry("lesson", Kind.TEXT), Map.entry("seed", Kind.INTEGER),
            Map.entry("steps", Kind.INTEGER), Map.entry("recordEvery", Kind.INT32), Map.entry("problem", Kind.OBJECT),
            Map.entry("optimizers", Kind.LIST), Map.entry("stop", Kind.OBJECT), Map.entry("sweep", Kind.OBJECT),
            Map.entry("seeds", Kind.OBJECT), Map.entry("results", Kind.LIST),
            Map.entry("embeddedDataset", Kind.OBJECT));
    private static final Map<String, Kind> FUNCTION_PROBLEM = Map.of("function", Kind.TEXT, "a", Kind.MATRIX,
            "b", Kind.NUMBERS, "start", Kind.NUMBERS, "gradientNoise", Kind.NUMBER);
    private static final Map<String, Kind> DATASET_PROBLEM = Map.ofEntries(Map.entry("dataset", Kind.TEXT),
            Map.entry("n", Kind.INT32), Map.entry("noise", Kind.NUMBER), Map.entry("arms", Kind.INT32),
            Map.entry("classes", Kind.INT32), Map.entry("seed", Kind.INTEGER), Map.entry("testPoints", Kind.INT32),
            Map.entry("target", Kind.TEXT),
            Map.entry("task", Kind.TASK), Map.entry("validationFraction", Kind.NUMBER), Map.entry("model", Kind.OBJECT));
    private static final Map<String, Kind> BOTH_PROBLEMS;
    private static final Map<String, Kind> MODEL = Map.of("type", Kind.MODEL_TYPE, "hidden", Kind.INTEGERS,
            "activation", Kind.ACTIVATION, "init", Kind.INIT, "weightDecay", Kind.NUMBER);
    private static final Map<String, Kind> OPTIMIZER;
    private static final Map<String, Kind> SCHEDULE = Map.of("type", Kind.SCHEDULE_TYPE, "finalLearningRate", Kind.NUMBER,
            "steps", Kind.INTEGER);
    private static final Map<String, Kind> SWEEP = Map.of("parameter", Kind.TEXT, "from", Kind.NUMBER, "to", Kind.NUMBER,
            "points", Kind.INT32);
    private static final Map<String, Kind> SEEDS = Map.of("count", Kind.INT32);
    private static final Map<String, Kind> STOP = Map.of("targetLoss", Kind.NUMBER, "gradientTolerance", Kind.NUMBER);
    private static final Map<String, Kind> RESULT = Map.ofEntries(Map.entry("label", Kind.TEXT),
            Map.entry("algorithm", Kind.TEXT), Map.entry("status", Kind.TEXT), Map.entry("message", Kind.TEXT),
            Map.entry("steps", Kind.INTEGERS), Map.entry("loss", Kind.NUMBERS), Map.entry("metrics", Kind.OBJECT),
            Map.entry("path", Kind.MATRIX), Map.entry("theta", Kind.NUMBERS), Map.entry("batchSize", Kind.INT32),
            Map.entry("stepsPerEpoch", Kind.INTEGER), Map.entry("warnings", Kind.LIST),
            Map.entry("suppressedWarnings", Kind.INT32), Map.entry("elapsedMillis", Kind.NUMBER),
            Map.entry("numerics", Kind.INT32));
    private static final Map<String, Kind> WARNING = Map.of("step", Kind.INTEGER, "kind", Kind.TEXT,
            "message", Kind.TEXT);
    private static final Map<String, Kind> EMBEDDED = Map.of("sha256", Kind.TEXT, "csv", Kind.TEXT);

    static {
        Map<String, Kind> o = new java.util.HashMap<>(Map.of("label", Kind.TEXT, "algorithm", Kind.ALGORITHM,
                "biasCorrection", Kind.BOOLEAN, "clipNorm", Kind.NUMBER, "gradientNoise", Kind.NUMBER,
                "schedule", Kind.OBJECT, "batchSize", Kind.INT32, "start", Kind.NUMBERS));
        for (Hyper h : Hyper.values()) {
            o.put(h.key(), Kind.NUMBER);
        }
        OPTIMIZER = Map.copyOf(o);
        Map<String, Kind> both = new java.util.HashMap<>(FUNCTION_PROBLEM);
        both.putAll(DATASET_PROBLEM);
        BOTH_PROBLEMS = Map.copyOf(both);
    }

    /** Violations as the document reads, top to bottom: by top-level field, then by optimizer (a stable sort). */
    private static final java.util.Comparator<Violation> IN_DOCUMENT_ORDER = java.util.Comparator
            .<Violation>comparingInt(v -> {
                String top = v.where().split("[.\\[]", 2)[0];
                int rank = List.of("schemaVersion", "name", "lesson", "seed", "steps", "recordEvery", "problem", "optimizers",
                        "stop", "sweep", "seeds", "results", "embeddedDataset").indexOf(top);
                return rank < 0 ? -1 : rank;
            })
            .thenComparingInt(v -> v.optimizer().orElse(-1));

    private final List<Violation> errors = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private DocumentReader() {
    }

    /** Checks a document built in code (the lab's form): {@link ExperimentValidator#check}, no JSON involved. */
    public static ExperimentDocument check(ExperimentDocument document) throws InvalidDocumentException {
        return ExperimentValidator.check(document);
    }

    /** Parses and validates a document; throws with the complete list of problems if it cannot be run. */
    public static Read read(String json) throws InvalidDocumentException {
        if (json.length() < LARGE) {
            return readNow(json);
        }
        // a large document costs about 14 bytes of heap per character while it is read: a few at a time
        boolean admitted = false;
        try {
            admitted = LARGE_AT_ONCE.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS);
            if (!admitted) {
                throw InvalidDocumentException.of("", "", "the server is reading other large documents: try again in a"
                        + " minute");
            }
            return readNow(json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw InvalidDocumentException.of("", "", "reading was interrupted");
        } finally {
            if (admitted) {
                LARGE_AT_ONCE.release();
            }
        }
    }

    /** Documents of at least this many characters (an embedded CSV) are read at most {@link #LARGE_AT_ONCE} at a time. */
    static final int LARGE = 1_000_000;
    private static final java.util.concurrent.Semaphore LARGE_AT_ONCE = new java.util.concurrent.Semaphore(2, true);

    private static Read readNow(String json) throws InvalidDocumentException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw InvalidDocumentException.of("", "", "not valid JSON"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()) + ": " + plain(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw InvalidDocumentException.of("", "", "the document is empty");
        }
        DocumentReader r = new DocumentReader();
        ExperimentDocument document = r.shape(root);
        if (document == null) {
            throw new InvalidDocumentException(r.errors);
        }
        // the rules: every violation the shape left to see, except a second word on what the shape already refused
        java.util.Set<String> refused = new java.util.HashSet<>();
        for (Violation v : r.errors) {
            refused.add(v.where());
        }
        for (Violation v : ExperimentValidator.validate(document)) {
            if (refused.stream().noneMatch(w -> v.where().equals(w) || v.where().startsWith(w + ".")
                    || v.where().startsWith(w + "["))) {
                r.errors.add(v);
            }
        }
        if (!r.errors.isEmpty()) {
            r.errors.sort(IN_DOCUMENT_ORDER);
            throw new InvalidDocumentException(r.errors);
        }
        return new Read(document, List.copyOf(r.notes));
    }

    /**
     * A JSON parser's complaint in plain words, without the parser's internals (character codes, source descriptions,
     * Java types): "unexpected character '}': expected a field name in double quotes".
     */
    static String plain(String parserMessage) {
        String m = parserMessage == null ? "" : parserMessage;
        if (m.contains("nesting depth")) {
            return "nested deeper than " + READ_LIMITS.getMaxNestingDepth() + " levels of objects and lists";
        }
        if (m.contains("Number value length") || m.contains("Number length")) {
            return "a number longer than " + READ_LIMITS.getMaxNumberLength() + " characters";
        }
        if (m.contains("String value length") || m.contains("String length")) {
            return "a text value longer than " + READ_LIMITS.getMaxStringLength() / 1024 / 1024 + " MB";
        }
        if (m.contains("Document length") || m.contains("document length")) {
            return "the document is longer than " + READ_LIMITS.getMaxDocumentLength() / 1024 / 1024 + " MB";
        }
        if (m.contains("end-of-input")) {
            return "the text ends too early (a closing } or ] or \" is missing)";
        }
        m = m.replaceAll("\\[Source:.*", "").replaceAll(" \\(code -?\\d+\\)", "")
                .replaceAll("\\(CTRL-CHAR, code \\d+\\)", "a control character").strip();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("Non-standard token '(.+?)'").matcher(m);
        if (token.find()) {
            return token.group(1) + " is not a JSON number: write a finite number";
        }
        java.util.regex.Matcher c = java.util.regex.Pattern.compile("Unexpected character \\('(.+?)'\\)").matcher(m);
        String what = c.find() ? "unexpected character '" + c.group(1) + "'" : null;
        String expected = null;
        if (m.contains("double-quote to start field name")) {
            expected = "expected a field name in double quotes";
        } else if (m.contains("comma to separate Object entries")) {
            expected = "expected , or } between the fields of an object";
        } else if (m.contains("comma to separate Array entries")) {
            expected = "expected , or ] between the entries of a list";
        } else if (m.contains("colon to separate field name and value")) {
            expected = "expected : after a field name";
        } else if (m.contains("expected a valid value") || m.contains("Unrecognized token")) {
            expected = "expected a value: a number, a string in double quotes, true, false, null, an object or a list";
        }
        if (what != null || expected != null) {
            return what == null ? expected : expected == null ? what : what + ": " + expected;
        }
        return "the text is not JSON here";
    }

    /**
     * Checks the JSON's shape (each known field of its kind, the schema version first), notes what is ignored, removes
     * what cannot be bound and binds the rest; null when nothing can be bound.
     */
    private ExperimentDocument shape(JsonNode root) {
        if (!root.isObject()) {
            errors.add(new Violation("", "", "the document must be a JSON object, got " + describe(root)));
            return null;
        }
        ObjectNode doc = (ObjectNode) root;
        JsonNode version = doc.get("schemaVersion");
        if (version != null && version.isIntegralNumber() && version.canConvertToLong()
                && version.asLong() > ExperimentDocument.SCHEMA_VERSION) {
            // a newer document may be shaped in ways this OptLab cannot tell: say only that
            errors.add(new Violation("", "schemaVersion", version.asLong() + " is newer than this OptLab understands (it "
                    + "reads up to " + ExperimentDocument.SCHEMA_VERSION + "); update OptLab to open this document"));
            return null;
        }
        for (String required : List.of("schemaVersion", "steps", "problem", "optimizers")) {
            if (!doc.hasNonNull(required)) {
                errors.add(new Violation("", required, "is required" + (required.equals("schemaVersion")
                        ? " (this OptLab reads version " + ExperimentDocument.SCHEMA_VERSION + ")" : "")));
            }
        }
        fields(doc, "", TOP);
        if (doc.get("problem") instanceof ObjectNode p) {
            boolean function = p.hasNonNull("function");
            boolean dataset = p.hasNonNull("dataset");
            fields(p, "problem", function && dataset ? BOTH_PROBLEMS : dataset ? DATASET_PROBLEM : FUNCTION_PROBLEM);
            notesOnProblem(p);
            if (function && dataset) {
                // the typed problem is one kind or the other: the dataset's is bound, and only this is said about it
                errors.add(new Violation("", "problem", "must name either a function or a dataset, not both"));
                p.remove(FUNCTION_PROBLEM.keySet());
            }
            if (p.get("model") instanceof ObjectNode m) {
                fields(m, "problem.model", MODEL);
            }
        }
        objects(doc, "optimizers", "optimizers", OPTIMIZER);
        if (doc.get("optimizers") instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof ObjectNode o) {
                    notesOnOptimizer(o, "optimizers[" + i + "]");
                    if (o.get("schedule") instanceof ObjectNode schedule) {
                        fields(schedule, "optimizers[" + i + "].schedule", SCHEDULE);
                    }
                }
            }
        }
        if (doc.get("stop") instanceof ObjectNode stop) {
            fields(stop, "stop", STOP);
        }
        if (doc.get("sweep") instanceof ObjectNode sweep) {
            fields(sweep, "sweep", SWEEP);
        }
        if (doc.get("seeds") instanceof ObjectNode seeds) {
            fields(seeds, "seeds", SEEDS);
        }
        objects(doc, "results", "results", RESULT);
        if (doc.get("results") instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof ObjectNode r) {
                    objects(r, "warnings", "results[" + i + "].warnings", WARNING);
                    if (r.get("metrics") instanceof ObjectNode metrics) {
                        for (Iterator<String> it = metrics.fieldNames(); it.hasNext(); ) {
                            String name = it.next();
                            if (!numbers(metrics.get(name), false)) {
                                errors.add(new Violation("results[" + i + "].metrics", name, "must be an array of numbers,"
                                        + " got " + describe(metrics.get(name))));
                                it.remove();
                            }
                        }
                    }
                }
            }
        }
        if (doc.get("embeddedDataset") instanceof ObjectNode e) {
            fields(e, "embeddedDataset", EMBEDDED);
            if (!e.hasNonNull("sha256") || !e.hasNonNull("csv")) {
                errors.add(new Violation("", "embeddedDataset", "must be an object with sha256 and csv strings"));
                doc.remove("embeddedDataset");
            }
        }
        try {
            return MAPPER.treeToValue(doc, ExperimentDocument.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            errors.add(new Violation("", "", "the document cannot be read: " + plain(e.getMessage())));
            return null;
        }
    }

    /** Each element of the list {@code field} must be an object of those fields; the others are left out. */
    private void objects(ObjectNode parent, String field, String path, Map<String, Kind> kinds) {
        if (!(parent.get(field) instanceof ArrayNode list)) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof ObjectNode o) {
                fields(o, path + "[" + i + "]", kinds);
            } else {
                errors.add(new Violation(path + "[" + i + "]", "", "must be an object, got " + describe(list.get(i))));
                list.set(i, list.objectNode());
            }
        }
    }

    /** Notes the fields that are unknown and removes those of the wrong kind (each a violation) or null. */
    private void fields(ObjectNode node, String path, Map<String, Kind> kinds) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode value = e.getValue();
            Kind kind = kinds.get(name);
            if (kind == null) {
                notes.add("unknown field " + (path.isEmpty() ? "" : path + ".") + name + " ignored");
                it.remove();
                continue;
            }
            if (value.isNull()) {
                it.remove();
                continue;
            }
            String wrong = wrongKind(value, kind);
            if (wrong != null) {
                errors.add(new Violation(path, name, wrong));
                it.remove();
            }
        }
    }

    /** What is wrong with a value that should be of this kind, or null. */
    private static String wrongKind(JsonNode n, Kind kind) {
        return switch (kind) {
            case INTEGER -> n.isNumber() && n.canConvertToExactIntegral() && n.canConvertToLong() ? null
                    : "must be an integer, got " + describe(n);
            case INT32 -> !(n.isNumber() && n.canConvertToExactIntegral() && n.canConvertToLong())
                    ? "must be an integer, got " + describe(n)
                    : n.canConvertToInt() ? null : "must be an integer of at most " + Integer.MAX_VALUE + ", got " + n;
            case NUMBER -> n.isNumber() ? null : "must be a number, got " + describe(n);
            case TEXT -> n.isTextual() ? null : "must be a string, got " + describe(n);
            case BOOLEAN -> n.isBoolean() ? null : "must be true or false, got " + describe(n);
            case OBJECT -> n.isObject() ? null : "must be an object, got " + describe(n);
            case LIST -> n.isArray() ? null : "must be an array, got " + describe(n);
            case NUMBERS -> numbers(n, false) ? null : "must be an array of numbers, got " + describe(n);
            case INTEGERS -> numbers(n, true) ? null : "must be an array of integers, got " + describe(n);
            case MATRIX -> matrix(n) ? null : "must be an array of arrays of numbers, e.g. [[1, 0], [0, 10]], got "
                    + describe(n);
            case ALGORITHM -> n.isTextual() && Algorithm.byId(n.asText()) != null ? null
                    : "must be one of " + ExperimentValidator.algorithmIds() + ", got " + describe(n);
            case MODEL_TYPE -> n.isTextual() && ModelType.byId(n.asText()) != null ? null
                    : "must be linear, logistic, softmax or mlp, got " + describe(n);
            case ACTIVATION -> n.isTextual() && Activation.byId(n.asText()) != null ? null
                    : "must be tanh, relu or sigmoid, got " + describe(n);
            case INIT -> n.isTextual() && Init.byId(n.asText()) != null ? null
                    : "must be zeros or glorot, got " + describe(n);
            case TASK -> n.isTextual() && CsvImport.Task.byId(n.asText()) != null ? null
                    : "must be auto, classification or regression, got " + describe(n);
            case SCHEDULE_TYPE -> n.isTextual() && ScheduleType.byId(n.asText()) != null ? null
                    : "must be constant, linear, inverse or exponential, got " + describe(n);
        };
    }

    private static boolean numbers(JsonNode n, boolean integers) {
        if (!n.isArray()) {
            return false;
        }
        for (JsonNode x : n) {
            if (!x.isNumber() || (integers && !(x.canConvertToExactIntegral() && x.canConvertToInt()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matrix(JsonNode n) {
        if (!n.isArray()) {
            return false;
        }
        for (JsonNode row : n) {
            if (!numbers(row, false)) {
                return false;
            }
        }
        return true;
    }

    /** Notes on what a problem gives that its kind does not read. */
    private void notesOnProblem(ObjectNode p) {
        String function = p.path("function").asText(null);
        String dataset = p.path("dataset").asText(null);
        if ((p.has("a") || p.has("b")) && function != null && !"quadratic".equals(function)) {
            notes.add("problem.a and problem.b apply to the quadratic only; ignored for " + function);
        }
        if (dataset == null || p.has("function")) {
            return;
        }
        boolean toy = DatasetRef.of(dataset) instanceof DatasetRef.Toy;
        boolean csv = DatasetRef.of(dataset) instanceof DatasetRef.Csv;
        for (String field : new String[] {"n", "noise", "arms", "classes", "seed", "testPoints"}) {
            if (p.has(field) && !toy) {
                notes.add("problem." + field + " applies to toy datasets only; ignored for " + dataset);
            }
        }
        for (String field : new String[] {"target", "task"}) {
            if (p.has(field) && !csv) {
                notes.add("problem." + field + " applies to CSV datasets (upload: or file:) only; ignored for " + dataset);
            }
        }
        if (p.get("model") instanceof ObjectNode m && m.has("hidden") && m.path("type").isTextual()
                && !m.path("type").asText().equals("mlp")) {
            notes.add("problem.model.hidden applies to the mlp only; ignored for " + m.path("type").asText());
        }
    }

    /** Notes on what an optimizer gives that its algorithm does not read. */
    private void notesOnOptimizer(ObjectNode o, String path) {
        Algorithm algorithm = Algorithm.byId(o.path("algorithm").asText(""));
        if (algorithm == null) {
            return;
        }
        for (Hyper h : Hyper.values()) {
            if (o.has(h.key()) && !algorithm.uses(h)) {
                notes.add(path + "." + h.key() + " is not used by " + algorithm.id() + "; ignored");
            }
        }
        if (o.has("biasCorrection") && algorithm != Algorithm.ADAM) {
            notes.add(path + ".biasCorrection is Adam's (Algorithm 8.7, lines 7–8); ignored for " + algorithm.id());
        }
        if (o.has("schedule") && !algorithm.uses(Hyper.LEARNING_RATE)) {
            notes.add(path + ".schedule is not used by " + algorithm.id() + " (it has no learning rate); ignored");
        }
    }

    private static String describe(JsonNode n) {
        if (n.isTextual()) {
            String t = n.asText();
            return "\"" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "\"";
        }
        if (n.isArray()) {
            return "an array of " + n.size();
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.toString();
    }
}
