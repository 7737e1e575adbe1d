package org.optlab.ui;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.optlab.dataset.CsvImport;
import org.optlab.dataset.ToyDatasets;
import org.optlab.engine.function.TestFunctions;
import org.optlab.engine.model.Activation;
import org.optlab.experiment.DatasetRef;
import org.optlab.experiment.Defaults;
import org.optlab.experiment.ExperimentDocument.ModelSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.FunctionSpec;
import org.optlab.experiment.Init;
import org.optlab.experiment.ModelType;

/**
 * What the problem form holds, one value per field, as Vaadin's {@code Binder} in {@link ProblemPanel} writes each edit:
 * the values of both kinds of problem (switching between a function and a dataset keeps what was typed in the other), of
 * which {@link #spec()} takes those of the chosen kind, and {@link #read} sets from a document's problem. The typed
 * problem is built from here and nowhere else, so that the form and the document cannot drift apart.
 */
final class ProblemForm {

    ProblemPanel.Kind kind = ProblemPanel.Kind.FUNCTION;

    // a 2-D function (§8.2): A and b are the quadratic's
    String function = "rosenbrock";
    Double startX;
    Double startY;
    Double a11;
    Double a12;
    Double a22;
    Double b1 = 0.0;
    Double b2 = 0.0;
    Double gradientNoise = 0.0;

    // a toy generator, a bundled dataset or an uploaded CSV
    String toy = "moons";
    Integer n = Defaults.TOY_POINTS;
    Double noise = ToyDatasets.defaultNoise("moons");
    /** Empty: the experiment's seed. */
    Integer dataSeed;
    Integer arms = 2;
    Integer classes = 3;
    /** Empty: no fresh test set. */
    Integer testPoints;
    String bundled = "iris";
    /** {@code upload:<sha256>} of the file kept for this form; null until a valid file is uploaded. */
    String upload;
    String target;
    CsvImport.Task task = CsvImport.Task.AUTO;

    // every dataset: the validation share and the model
    Double validationFraction = Defaults.VALIDATION_FRACTION;
    ModelType modelType = ModelType.MLP;
    /** The hidden layer sizes as typed, separated by commas ("16, 16"). */
    String hidden = hiddenText(Defaults.hidden());
    Activation activation = Activation.TANH;
    Init init = Init.GLOROT;
    Double weightDecay = 0.0;

    ProblemForm() {
        double[][] a = Defaults.quadraticA();
        a11 = a[0][0];
        a12 = a[0][1];
        a22 = a[1][1];
        startAtDefault();
    }

    /** θ₀ at the chosen function's default start. */
    void startAtDefault() {
        double[] s = TestFunctions.byId(function == null ? "rosenbrock" : function).defaultStart();
        startX = s[0];
        startY = s[1];
    }

    /** The initialisation that suits the chosen model: Glorot for an MLP, zeros for a linear model. */
    void initAtDefault() {
        init = modelType == ModelType.MLP ? Init.GLOROT : Init.ZEROS;
    }

    /** The problem as it goes into the document; null when an upload is chosen but no valid file is loaded. */
    ProblemSpec spec() {
        if (kind == ProblemPanel.Kind.FUNCTION) {
            boolean quadratic = "quadratic".equals(function);
            return new FunctionSpec(function,
                    quadratic ? new double[][] {{nz(a11), nz(a12)}, {nz(a12), nz(a22)}} : null,
                    quadratic ? new double[] {nz(b1), nz(b2)} : null,
                    startX == null || startY == null ? null : new double[] {startX, startY},
                    gradientNoise == null || gradientNoise == 0 ? null : gradientNoise);
        }
        boolean mlp = modelType == ModelType.MLP;
        ModelSpec model = new ModelSpec(modelType, mlp ? hiddenSizes() : null, mlp ? activation : null, init,
                weightDecay == null || weightDecay == 0 ? null : weightDecay);
        return switch (kind) {
            case TOY -> new DatasetSpec(toy, n, noise, "spirals".equals(toy) ? arms : null,
                    "blobs".equals(toy) ? classes : null, dataSeed == null ? null : dataSeed.longValue(), testPoints, null,
                    null, validationFraction, model);
            case BUNDLED -> new DatasetSpec(bundled, null, null, null, null, null, null, null, null, validationFraction,
                    model);
            default -> upload == null ? null : new DatasetSpec(upload, null, null, null, null, null, null, target, task,
                    validationFraction, model);
        };
    }

    /**
     * Takes the values of a document's problem, each value it leaves out at what the document then means (the
     * function's start, the toy's noise, the defaults); the other kind's values stay as they were. An upload's
     * reference, target and task are the panel's to set, once it has the file.
     */
    void read(ProblemSpec p) {
        if (p instanceof FunctionSpec f) {
            kind = ProblemPanel.Kind.FUNCTION;
            function = f.function();
            if (f.a() != null) {
                a11 = f.a()[0][0];
                a12 = f.a()[0][1];
                a22 = f.a()[1][1];
            }
            if (f.b() != null) {
                b1 = f.b()[0];
                b2 = f.b()[1];
            }
            if (f.start() != null) {
                // as the document says it (a click on the plot rounds; §8.2.3's 0.0001 must not become 0)
                startX = f.start()[0];
                startY = f.start()[1];
            } else {
                startAtDefault();
            }
            gradientNoise = f.gradientNoise() == null ? 0.0 : f.gradientNoise();
        } else if (p instanceof DatasetSpec d) {
            DatasetRef ref = d.ref();
            if (ref instanceof DatasetRef.Toy) {
                kind = ProblemPanel.Kind.TOY;
                toy = d.dataset();
                n = d.n() == null ? Defaults.TOY_POINTS : d.n();
                noise = d.noise() == null ? ToyDatasets.defaultNoise(toy) : d.noise();
                arms = d.arms() == null ? 2 : d.arms();
                classes = d.classes() == null ? 3 : d.classes();
                dataSeed = d.seed() == null || d.seed() != (int) (long) d.seed() ? null : (int) (long) d.seed();
                testPoints = d.testPoints();
            } else if (ref instanceof DatasetRef.Bundled) {
                kind = ProblemPanel.Kind.BUNDLED;
                bundled = d.dataset();
            } else if (ref instanceof DatasetRef.Upload) {
                kind = ProblemPanel.Kind.UPLOAD;
            }
            validationFraction = d.validationFraction() == null ? Defaults.VALIDATION_FRACTION
                    : d.validationFraction();
            ModelSpec m = d.model() != null ? d.model() : ModelSpec.of(ModelType.MLP);
            modelType = m.type() != null ? m.type() : ModelType.MLP;
            hidden = hiddenText(m.hidden() != null ? m.hidden() : Defaults.hidden());
            activation = m.activation() != null ? m.activation() : Activation.TANH;
            if (m.init() != null) {
                init = m.init();
            } else {
                initAtDefault();
            }
            weightDecay = m.weightDecay() == null ? 0.0 : m.weightDecay();
        }
    }

    private int[] hiddenSizes() {
        String text = hidden == null ? "" : hidden.trim();
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split("[,\\s]+");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                sizes[i] = 0; // the validator says: hidden[i] must be an integer between 1 and 1024
            }
        }
        return sizes;
    }

    private static String hiddenText(int[] sizes) {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    private static double nz(Double v) {
        return v == null ? 0 : v;
    }
}
