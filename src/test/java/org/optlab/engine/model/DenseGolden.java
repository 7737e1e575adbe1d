package org.optlab.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.optlab.engine.Numerics;
import org.optlab.engine.RunListener;
import org.optlab.engine.RunResult;
import org.optlab.engine.Trainer;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.ExperimentPlan;

/**
 * A few model runs through the dense kernels, printed as exact bit patterns: every recorded loss and the final θ of each,
 * one double per line in hexadecimal ({@link Double#doubleToRawLongBits}). The text is the golden file
 * {@code src/test/resources/golden/dense-runs.txt}; {@link DenseGoldenTest} compares it bit for bit, in this JVM and in
 * JVMs forked with other vector instruction sets. {@code main} prints it (to regenerate the file after an intended change
 * of the arithmetic, which must also raise {@link Numerics#VERSION}).
 */
public final class DenseGolden {

    /** Name, document. Long enough that the JIT's optimising compiler takes over the kernels in each JVM. */
    static final String[][] RUNS = {
        {"moons-mlp-adam", "{\"schemaVersion\": 1, \"seed\": 1, \"steps\": 1500, \"recordEvery\": 50, \"problem\": "
            + "{\"dataset\": \"moons\", \"n\": 1000, \"model\": {\"type\": \"mlp\", \"hidden\": [16, 16], "
            + "\"activation\": \"tanh\"}}, \"optimizers\": [{\"algorithm\": \"adam\", \"batchSize\": 32}]}"},
        {"digits-mlp-momentum", "{\"schemaVersion\": 1, \"seed\": 2, \"steps\": 200, \"recordEvery\": 20, \"problem\": "
            + "{\"dataset\": \"digits\", \"model\": {\"type\": \"mlp\", \"hidden\": [32], \"activation\": \"relu\", "
            + "\"weightDecay\": 0.001}}, \"optimizers\": [{\"algorithm\": \"momentum\", \"batchSize\": 64}]}"},
        {"digits-softmax-adam", "{\"schemaVersion\": 1, \"seed\": 3, \"steps\": 300, \"recordEvery\": 30, \"problem\": "
            + "{\"dataset\": \"digits\", \"model\": {\"type\": \"softmax\"}}, "
            + "\"optimizers\": [{\"algorithm\": \"adam\", \"batchSize\": 128}]}"},
        {"diabetes-linear-rmsprop", "{\"schemaVersion\": 1, \"seed\": 4, \"steps\": 300, \"recordEvery\": 30, "
            + "\"problem\": {\"dataset\": \"diabetes\", \"model\": {\"type\": \"linear\"}}, "
            + "\"optimizers\": [{\"algorithm\": \"rmsprop\", \"batchSize\": 32}]}"},
        {"breast-cancer-logistic-newton", "{\"schemaVersion\": 1, \"seed\": 5, \"steps\": 8, \"recordEvery\": 1, "
            + "\"problem\": {\"dataset\": \"breast_cancer\", \"model\": {\"type\": \"logistic\", \"weightDecay\": 0.01}}, "
            + "\"optimizers\": [{\"algorithm\": \"newton\"}]}"},
        {"moons-mlp-sigmoid-damped-newton", "{\"schemaVersion\": 1, \"seed\": 6, \"steps\": 10, \"recordEvery\": 1, "
            + "\"problem\": {\"dataset\": \"moons\", \"n\": 200, \"model\": {\"type\": \"mlp\", \"hidden\": [6], "
            + "\"activation\": \"sigmoid\"}}, \"optimizers\": [{\"algorithm\": \"damped-newton\"}]}"},
    };

    private DenseGolden() {
    }

    /** The golden text: a header, then "name loss step hex" and "name theta index hex" lines. */
    static List<String> lines() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("# OptLab dense golden runs, numerics version " + Numerics.VERSION
                + ": every recorded loss and the final theta as the bits of a double (DenseGolden)");
        for (String[] run : RUNS) {
            ExperimentPlan plan = ExperimentPlan.prepare(DocumentReader.read(run[1]).document());
            Trainer trainer = plan.trainer(0, RunListener.NONE);
            RunResult r = trainer.runToEnd();
            for (int k = 0; k < r.loss().length; k++) {
                lines.add(run[0] + " loss " + r.steps()[k] + " " + hex(r.loss()[k]));
            }
            double[] theta = trainer.theta();
            for (int p = 0; p < theta.length; p++) {
                lines.add(run[0] + " theta " + p + " " + hex(theta[p]));
            }
        }
        return lines;
    }

    static String hex(double v) {
        return String.format("%016x", Double.doubleToRawLongBits(v));
    }

    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String line : lines()) {
            out.append(line).append('\n');
        }
        System.out.print(out);
    }
}
