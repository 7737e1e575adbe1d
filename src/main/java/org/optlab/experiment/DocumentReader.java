package org.optlab.experiment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.function.TestFunctions;

/**
 * Reads and validates an experiment document. Validation walks the whole JSON tree and reports every problem at once, each
 * with its JSON path ({@code optimizers[1].learningRate must be > 0, got -0.1}); unknown fields are ignored with a note.
 */
public final class DocumentReader {

    /** A valid document, plus notes about what was ignored. */
    public record Read(ExperimentDocument document, List<String> notes) {
    }

    /** Limits enforced while the text is read, before any tree is built beyond them. */
    static final com.fasterxml.jackson.core.StreamReadConstraints READ_LIMITS =
            com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(100)
                    .maxStringLength((int) org.optlab.dataset.CsvImport.MAX_BYTES + 1024)
                    .maxDocumentLength(org.optlab.dataset.CsvImport.MAX_BYTES + 5L * 1024 * 1024)
                    .build();

    static final ObjectMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(READ_LIMITS).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> TOP = Set.of("schemaVersion", "name", "seed", "steps", "recordEvery", "problem",
            "optimizers", "stop", "results", "embeddedDataset");
    private static final Set<String> FUNCTION_PROBLEM = Set.of("function", "a", "b", "start", "gradientNoise");
    private static final Set<String> DATASET_PROBLEM = Set.of("dataset", "n", "noise", "arms", "classes", "seed",
            "target", "task", "validationFraction", "model");
    private static final Set<String> MODEL = Set.of("type", "hidden", "activation", "init", "weightDecay");
    private static final Set<String> OPTIMIZER = Set.of("label", "algorithm", "learningRate", "momentum", "rho", "rho1",
            "rho2", "delta", "biasCorrection", "clipNorm", "gradientNoise", "schedule", "batchSize");
    private static final Set<String> SCHEDULE = Set.of("type", "finalLearningRate", "steps");
    private static final Set<String> STOP = Set.of("targetLoss", "gradientTolerance");

    private final List<String> errors = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private DocumentReader() {
    }

    /**
     * Checks a document built in code (the lab's form) exactly as if it had been read from its JSON: the same messages
     * with the same paths, and the defaults applied.
     */
    public static ExperimentDocument check(ExperimentDocument document) throws InvalidDocumentException {
        return read(DocumentWriter.write(document)).document();
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
                throw new InvalidDocumentException(List.of("the server is reading other large documents: try again in a"
                        + " minute"));
            }
            return readNow(json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidDocumentException(List.of("reading was interrupted"));
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
            throw new InvalidDocumentException(List.of("not valid JSON"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()) + ": " + plain(e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidDocumentException(List.of("the document is empty"));
        }
        DocumentReader r = new DocumentReader();
        r.validate(root);
        if (!r.errors.isEmpty()) {
            throw new InvalidDocumentException(r.errors);
        }
        try {
            return new Read(MAPPER.treeToValue(root, ExperimentDocument.class), List.copyOf(r.notes));
        } catch (JsonProcessingException e) {
            throw new InvalidDocumentException(List.of("the document cannot be read: " + e.getOriginalMessage()));
        }
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

    private void validate(JsonNode root) {
        if (!root.isObject()) {
            errors.add("the document must be a JSON object, got " + describe(root));
            return;
        }
        unknown(root, "", TOP);
        JsonNode version = root.get("schemaVersion");
        if (version == null) {
            errors.add("schemaVersion is required (this OptLab reads version " + ExperimentDocument.SCHEMA_VERSION + ")");
        } else if (!version.canConvertToExactIntegral() || !version.isNumber()) {
            errors.add("schemaVersion must be an integer, got " + describe(version));
        } else if (version.asLong() > ExperimentDocument.SCHEMA_VERSION) {
            errors.add("schemaVersion " + version.asLong() + " is newer than this OptLab understands (it reads up to "
                    + ExperimentDocument.SCHEMA_VERSION + "); update OptLab to open this document");
            return;
        } else if (version.asLong() < 1) {
            errors.add("schemaVersion must be ≥ 1, got " + version.asLong());
        }
        optionalText(root, "name", "name");
        JsonNode seed = root.get("seed");
        if (seed != null && !(seed.isIntegralNumber() && seed.canConvertToLong())) {
            errors.add("seed must be an integer, got " + describe(seed));
        }
        Long steps = integer(root, "steps", "steps", true, 1, Limits.MAX_STEPS);
        Long recordEvery = integer(root, "recordEvery", "recordEvery", false, 1, Limits.MAX_STEPS);
        if (steps != null && recordEvery != null && recordEvery > steps) {
            errors.add("recordEvery must be ≤ steps (" + steps + "), got " + recordEvery);
        }
        if (steps != null && recordEvery != null && steps / recordEvery > Limits.MAX_RECORDED_POINTS) {
            errors.add("steps / recordEvery must be ≤ " + Limits.MAX_RECORDED_POINTS + " recorded points, got "
                    + steps / recordEvery + "; raise recordEvery");
        }
        JsonNode problem = root.get("problem");
        if (problem == null) {
            errors.add("problem is required");
        } else {
            problem(problem);
        }
        JsonNode optimizers = root.get("optimizers");
        if (optimizers == null) {
            errors.add("optimizers is required");
        } else if (!optimizers.isArray()) {
            errors.add("optimizers must be an array, got " + describe(optimizers));
        } else if (optimizers.isEmpty()) {
            errors.add("optimizers must list at least one optimizer");
        } else if (optimizers.size() > Limits.MAX_OPTIMIZERS) {
            errors.add("optimizers may list at most " + Limits.MAX_OPTIMIZERS + " optimizers, got " + optimizers.size());
        } else {
            for (int i = 0; i < optimizers.size(); i++) {
                optimizer(optimizers.get(i), "optimizers[" + i + "]");
            }
        }
        JsonNode stop = root.get("stop");
        if (stop != null) {
            if (!stop.isObject()) {
                errors.add("stop must be an object, got " + describe(stop));
            } else {
                unknown(stop, "stop.", STOP);
                number(stop, "targetLoss", "stop.targetLoss", false, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
                number(stop, "gradientTolerance", "stop.gradientTolerance", false, 0, true, Double.POSITIVE_INFINITY, false);
            }
        }
        JsonNode results = root.get("results");
        if (results != null && !results.isArray() && !results.isNull()) {
            errors.add("results must be an array, got " + describe(results));
        } else if (results != null && results.isArray()) {
            results(results);
        }
        JsonNode embedded = root.get("embeddedDataset");
        if (embedded != null && !embedded.isNull()) {
            embedded(embedded, root.path("problem").path("dataset").asText(""));
        }
    }

    /** An uploaded CSV carried in the document: its SHA-256 must match its text and the problem's upload reference. */
    private void embedded(JsonNode e, String dataset) {
        if (!e.isObject() || !e.path("sha256").isTextual() || !e.path("csv").isTextual()) {
            errors.add("embeddedDataset must be an object with sha256 and csv strings");
            return;
        }
        String sha = e.get("sha256").asText();
        byte[] csv = e.get("csv").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (csv.length > org.optlab.dataset.CsvImport.MAX_BYTES) {
            errors.add("embeddedDataset.csv is larger than the " + org.optlab.dataset.CsvImport.MAX_BYTES / 1024 / 1024
                    + " MB limit of a CSV file");
            return;
        }
        String actual = StoreFiles.sha256(csv);
        if (!actual.equals(sha)) {
            errors.add("embeddedDataset.sha256 does not match its csv (the CSV text hashes to " + actual + ")");
        } else if (!dataset.equals("upload:" + sha)) {
            errors.add("embeddedDataset is upload:" + sha + ", but problem.dataset is \"" + dataset + "\"");
        }
    }

    /** Saved results: at most one per optimizer, arrays within the recorded-points limit and of equal lengths. */
    private void results(JsonNode results) {
        if (results.size() > Limits.MAX_OPTIMIZERS) {
            errors.add("results may hold at most " + Limits.MAX_OPTIMIZERS + " runs, got " + results.size());
            return;
        }
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            String at = "results[" + i + "]";
            if (!r.isObject()) {
                errors.add(at + " must be an object, got " + describe(r));
                continue;
            }
            int length = -1;
            for (String field : new String[] {"steps", "loss", "path"}) {
                JsonNode a = r.get(field);
                if (a == null || a.isNull()) {
                    continue;
                }
                if (!a.isArray()) {
                    errors.add(at + "." + field + " must be an array, got " + describe(a));
                } else if (a.size() > Limits.MAX_RECORDED_POINTS + 1) {
                    errors.add(at + "." + field + " holds " + a.size() + " points; the limit is "
                            + (Limits.MAX_RECORDED_POINTS + 1));
                } else if (length >= 0 && a.size() != length) {
                    errors.add(at + "." + field + " has " + a.size() + " entries, but steps has " + length);
                } else {
                    length = a.size();
                }
            }
        }
    }

    private void problem(JsonNode p) {
        if (!p.isObject()) {
            errors.add("problem must be an object, got " + describe(p));
            return;
        }
        boolean hasFunction = p.get("function") != null;
        boolean hasDataset = p.get("dataset") != null;
        if (hasFunction && hasDataset) {
            errors.add("problem must name either a function or a dataset, not both");
            return;
        }
        if (!hasFunction && !hasDataset) {
            errors.add("problem.function or problem.dataset is required: a function is one of "
                    + String.join(", ", TestFunctions.IDS) + "; a dataset is one of " + String.join(", ", DatasetIds.ALL)
                    + ", upload:<sha256> or file:<path>");
            return;
        }
        if (hasDataset) {
            datasetProblem(p);
            return;
        }
        unknown(p, "problem.", FUNCTION_PROBLEM);
        String function = optionalText(p, "function", "problem.function");
        if (function != null && TestFunctions.byId(function) == null) {
            errors.add("problem.function must be one of " + String.join(", ", TestFunctions.IDS) + ", got \"" + function + "\"");
        }
        vector(p.get("start"), "problem.start", 2);
        JsonNode a = p.get("a");
        JsonNode b = p.get("b");
        if ((a != null || b != null) && function != null && !"quadratic".equals(function)) {
            notes.add("problem.a and problem.b apply to the quadratic only; ignored for " + function);
        }
        if (a != null) {
            if (!a.isArray() || a.size() != 2) {
                errors.add("problem.a must be a 2×2 matrix [[a11, a12], [a21, a22]], got " + describe(a));
            } else {
                boolean ok = vector(a.get(0), "problem.a[0]", 2) & vector(a.get(1), "problem.a[1]", 2);
                if (ok && a.get(0).get(1).asDouble() != a.get(1).get(0).asDouble()) {
                    errors.add("problem.a must be symmetric (a12 = a21), got a12 = " + a.get(0).get(1).asDouble()
                            + " and a21 = " + a.get(1).get(0).asDouble());
                }
            }
        }
        vector(b, "problem.b", 2);
        number(p, "gradientNoise", "problem.gradientNoise", false, 0, true, 1e6, true);
    }

    private void datasetProblem(JsonNode p) {
        unknown(p, "problem.", DATASET_PROBLEM);
        String dataset = optionalText(p, "dataset", "problem.dataset");
        boolean toy = dataset != null && DatasetIds.isToy(dataset);
        boolean csv = dataset != null && DatasetIds.isCsv(dataset);
        if (dataset != null && !toy && !csv && !DatasetIds.isBundled(dataset)) {
            errors.add("problem.dataset must be one of " + String.join(", ", DatasetIds.ALL)
                    + ", upload:<sha256> or file:<path>, got \"" + dataset + "\"");
        }
        if (dataset != null && dataset.startsWith("upload:") && !dataset.substring(7).matches("[0-9a-f]{64}")) {
            errors.add("problem.dataset upload:<sha256> needs the 64 lowercase hex digits of the file's SHA-256, got \""
                    + dataset + "\"");
        }
        for (String field : new String[] {"n", "noise", "arms", "classes", "seed"}) {
            if (p.get(field) != null && dataset != null && !toy) {
                notes.add("problem." + field + " applies to toy datasets only; ignored for " + dataset);
            }
        }
        for (String field : new String[] {"target", "task"}) {
            if (p.get(field) != null && dataset != null && !csv) {
                notes.add("problem." + field + " applies to CSV datasets (upload: or file:) only; ignored for " + dataset);
            }
        }
        integer(p, "n", "problem.n", false, 10, org.optlab.dataset.ToyDatasets.MAX_POINTS);
        number(p, "noise", "problem.noise", false, 0, true, 10, true);
        integer(p, "arms", "problem.arms", false, 2, 3);
        integer(p, "classes", "problem.classes", false, 2, 10);
        JsonNode seed = p.get("seed");
        if (seed != null && !(seed.isIntegralNumber() && seed.canConvertToLong())) {
            errors.add("problem.seed must be an integer, got " + describe(seed));
        }
        optionalText(p, "target", "problem.target");
        String task = optionalText(p, "task", "problem.task");
        if (task != null && org.optlab.dataset.CsvImport.Task.byId(task) == null) {
            errors.add("problem.task must be auto, classification or regression, got \"" + task + "\"");
        }
        number(p, "validationFraction", "problem.validationFraction", false, 0, true, 0.9, true);
        JsonNode model = p.get("model");
        if (model == null) {
            return;
        }
        if (!model.isObject()) {
            errors.add("problem.model must be an object, got " + describe(model));
            return;
        }
        unknown(model, "problem.model.", MODEL);
        String type = optionalText(model, "type", "problem.model.type");
        if (model.get("type") == null) {
            errors.add("problem.model.type is required: linear, logistic, softmax or mlp");
        } else if (type != null && !List.of("linear", "logistic", "softmax", "mlp").contains(type)) {
            errors.add("problem.model.type must be linear, logistic, softmax or mlp, got \"" + type + "\"");
        }
        JsonNode hidden = model.get("hidden");
        if (hidden != null) {
            if (type != null && !type.equals("mlp")) {
                notes.add("problem.model.hidden applies to the mlp only; ignored for " + type);
            }
            if (!hidden.isArray() || hidden.isEmpty() || hidden.size() > 5) {
                errors.add("problem.model.hidden must be an array of 1 to 5 layer sizes, e.g. [16, 16], got "
                        + describe(hidden));
            } else {
                for (int i = 0; i < hidden.size(); i++) {
                    JsonNode h = hidden.get(i);
                    if (!h.isIntegralNumber() || h.asLong() < 1 || h.asLong() > 1024) {
                        errors.add("problem.model.hidden[" + i + "] must be an integer between 1 and 1024, got "
                                + describe(h));
                    }
                }
            }
        }
        String activation = optionalText(model, "activation", "problem.model.activation");
        if (activation != null && org.optlab.engine.model.Activation.byId(activation) == null) {
            errors.add("problem.model.activation must be tanh, relu or sigmoid, got \"" + activation + "\"");
        }
        String init = optionalText(model, "init", "problem.model.init");
        if (init != null && !init.equals("zeros") && !init.equals("glorot")) {
            errors.add("problem.model.init must be zeros or glorot, got \"" + init + "\"");
        }
        number(model, "weightDecay", "problem.model.weightDecay", false, 0, true, 1000, true);
    }

    private void optimizer(JsonNode o, String path) {
        if (!o.isObject()) {
            errors.add(path + " must be an object, got " + describe(o));
            return;
        }
        unknown(o, path + ".", OPTIMIZER);
        String label = optionalText(o, "label", path + ".label");
        String id = optionalText(o, "algorithm", path + ".algorithm");
        Algorithm algorithm = id == null ? null : Algorithm.byId(id);
        if (o.get("algorithm") == null) {
            errors.add(path + ".algorithm is required: one of " + algorithmIds());
        } else if (id != null && algorithm == null) {
            errors.add(path + ".algorithm must be one of " + algorithmIds() + ", got \"" + id + "\"");
        }
        if (label != null && label.isBlank()) {
            errors.add(path + ".label must not be blank");
        }
        Map<Hyper, double[]> ranges = Map.of(
                Hyper.LEARNING_RATE, new double[] {0, 1e6},
                Hyper.MOMENTUM, new double[] {0, 1},
                Hyper.RHO, new double[] {0, 1},
                Hyper.RHO1, new double[] {0, 1},
                Hyper.RHO2, new double[] {0, 1},
                Hyper.DELTA, new double[] {0, 1});
        for (Hyper h : Hyper.values()) {
            String at = path + "." + h.key();
            double[] range = ranges.get(h);
            switch (h) {
                case LEARNING_RATE -> number(o, h.key(), at, false, range[0], false, range[1], true);
                case DELTA -> number(o, h.key(), at, false, range[0], true, range[1], true);
                default -> number(o, h.key(), at, false, range[0], true, range[1], false);
            }
            if (o.get(h.key()) != null && algorithm != null && !algorithm.uses(h)) {
                notes.add(at + " is not used by " + algorithm.id() + "; ignored");
            }
        }
        integer(o, "batchSize", path + ".batchSize", false, 1, org.optlab.dataset.CsvImport.MAX_ROWS);
        number(o, "clipNorm", path + ".clipNorm", false, 0, false, 1e12, true);
        number(o, "gradientNoise", path + ".gradientNoise", false, 0, true, 1e6, true);
        JsonNode bias = o.get("biasCorrection");
        if (bias != null && !bias.isBoolean()) {
            errors.add(path + ".biasCorrection must be true or false, got " + describe(bias));
        } else if (bias != null && algorithm != null && algorithm != Algorithm.ADAM) {
            notes.add(path + ".biasCorrection is Adam's (Algorithm 8.7, lines 7–8); ignored for " + algorithm.id());
        }
        JsonNode schedule = o.get("schedule");
        if (schedule != null) {
            String sp = path + ".schedule";
            if (!schedule.isObject()) {
                errors.add(sp + " must be an object, got " + describe(schedule));
                return;
            }
            if (algorithm != null && !algorithm.uses(Hyper.LEARNING_RATE)) {
                notes.add(sp + " is not used by " + algorithm.id() + " (it has no learning rate); ignored");
            }
            unknown(schedule, sp + ".", SCHEDULE);
            String type = optionalText(schedule, "type", sp + ".type");
            if (schedule.get("type") == null) {
                errors.add(sp + ".type is required: constant, linear, inverse or exponential");
            } else if (type != null && !List.of("constant", "linear", "inverse", "exponential").contains(type)) {
                errors.add(sp + ".type must be constant, linear, inverse or exponential, got \"" + type + "\"");
            }
            if ("linear".equals(type)) {
                number(schedule, "finalLearningRate", sp + ".finalLearningRate", true, 0, false, 1e6, true);
            }
            if ("linear".equals(type) || "inverse".equals(type) || "exponential".equals(type)) {
                integer(schedule, "steps", sp + ".steps", true, 1, Limits.MAX_STEPS);
            }
        }
    }

    private static String algorithmIds() {
        List<String> ids = new ArrayList<>();
        for (Algorithm a : Algorithm.values()) {
            ids.add(a.id());
        }
        return String.join(", ", ids);
    }

    private void unknown(JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                notes.add("unknown field " + prefix + f + " ignored");
            }
        }
    }

    private String optionalText(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            errors.add(path + " must be a string, got " + describe(n));
            return null;
        }
        if (n.asText().length() > Limits.MAX_NAME_LENGTH) {
            errors.add(path + " must be at most " + Limits.MAX_NAME_LENGTH + " characters, got " + n.asText().length());
        }
        return n.asText();
    }

    private Long integer(JsonNode parent, String field, String path, boolean required, long min, long max) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(path + " is required");
            }
            return null;
        }
        if (!n.isNumber() || !n.canConvertToExactIntegral() || !n.canConvertToLong()) {
            errors.add(path + " must be an integer, got " + describe(n));
            return null;
        }
        long v = n.asLong();
        if (v < min || v > max) {
            errors.add(path + " must be between " + min + " and " + max + ", got " + v);
            return null;
        }
        return v;
    }

    /** Checks a number in (min, max) with each end open or closed. */
    private void number(JsonNode parent, String field, String path, boolean required, double min, boolean minClosed,
                        double max, boolean maxClosed) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(path + " is required");
            }
            return;
        }
        if (!n.isNumber()) {
            errors.add(path + " must be a number, got " + describe(n));
            return;
        }
        double v = n.asDouble();
        if (!Double.isFinite(v)) {
            errors.add(path + " must be finite, got " + n.asText());
            return;
        }
        boolean low = minClosed ? v < min : v <= min;
        boolean high = maxClosed ? v > max : v >= max;
        if (low || high) {
            errors.add(path + " must be " + range(min, minClosed, max, maxClosed) + ", got " + n.asText());
        }
    }

    private static String range(double min, boolean minClosed, double max, boolean maxClosed) {
        if (max == Double.POSITIVE_INFINITY) {
            return (minClosed ? "≥ " : "> ") + fmt(min);
        }
        if (min == 0 && !minClosed && maxClosed) {
            return "> 0 and ≤ " + fmt(max);
        }
        return "in " + (minClosed ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxClosed ? "]" : ")");
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /** Checks an array of {@code length} finite numbers; true when it is one (or absent). */
    private boolean vector(JsonNode n, String path, int length) {
        if (n == null || n.isNull()) {
            return true;
        }
        if (!n.isArray()) {
            errors.add(path + " must be an array of " + length + " numbers, got " + describe(n));
            return false;
        }
        if (n.size() != length) {
            errors.add(path + " must have " + length + " numbers, got " + n.size());
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < n.size(); i++) {
            JsonNode x = n.get(i);
            if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                errors.add(path + "[" + i + "] must be a finite number, got " + describe(x));
                ok = false;
            }
        }
        return ok;
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
