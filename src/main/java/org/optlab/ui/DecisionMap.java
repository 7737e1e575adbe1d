package org.optlab.ui;

import java.util.Arrays;
import org.optlab.engine.function.TestFunction;
import org.optlab.engine.model.Model;
import org.optlab.experiment.ExperimentPlan;

/**
 * The decision regions of a 2-D classification model: a cells × cells grid over the data's bounding box (10% margin),
 * each cell assigned the class the model predicts at its centre (standardised as the training data was).
 */
final class DecisionMap {

    private final Model model;
    private final int classes;
    private final Axes.Plane plane;
    private final double[] bounds;
    /** Per cell: raw x, y (for the plot) and standardised x, y (for the model). */
    private final double[][] cells;

    DecisionMap(ExperimentPlan plan, int n) {
        this.model = plan.model();
        this.classes = plan.dataset().classes();
        this.plane = plane(plan.dataset().x());
        TestFunction.Domain d = plane.domain();
        this.bounds = new double[] {d.xMin(), d.xMax(), d.yMin(), d.yMax()};
        double[] mean = plan.split().featureMean();
        double[] std = plan.split().featureStd();
        this.cells = new double[n * n][];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = bounds[0] + (bounds[1] - bounds[0]) * (i + 0.5) / n;
                double y = bounds[2] + (bounds[3] - bounds[2]) * (j + 0.5) / n;
                cells[i * n + j] = new double[] {x, y, std[0] == 0 ? 0 : (x - mean[0]) / std[0],
                    std[1] == 0 ? 0 : (y - mean[1]) / std[1]};
            }
        }
    }

    /** The plot's rectangle and its tick step. */
    Axes.Plane plane() {
        return plane;
    }

    /** The cell centres (x, y, x, y, ...) the model at θ assigns to each class. */
    double[][] byClass(double[] theta) {
        double[][] byClass = new double[classes][2 * cells.length];
        int[] count = new int[classes];
        double[] z = new double[model.outputs()];
        double[] x = new double[2];
        for (double[] g : cells) {
            x[0] = g[2];
            x[1] = g[3];
            model.logits(theta, x, z);
            int c = model.outputLoss().predictedClass(z);
            byClass[c][count[c]++] = g[0];
            byClass[c][count[c]++] = g[1];
        }
        for (int c = 0; c < classes; c++) {
            byClass[c] = Arrays.copyOf(byClass[c], count[c]);
        }
        return byClass;
    }

    private static Axes.Plane plane(double[] x) {
        double[] b = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < x.length / 2; i++) {
            b[0] = Math.min(b[0], x[2 * i]);
            b[1] = Math.max(b[1], x[2 * i]);
            b[2] = Math.min(b[2], x[2 * i + 1]);
            b[3] = Math.max(b[3], x[2 * i + 1]);
        }
        double mx = 0.1 * (b[1] - b[0]);
        double my = 0.1 * (b[3] - b[2]);
        // widened to round ticks, one step on both axes (the plot draws them with equal units)
        return Axes.plane(new TestFunction.Domain(b[0] - mx, b[1] + mx, b[2] - my, b[3] + my));
    }
}
