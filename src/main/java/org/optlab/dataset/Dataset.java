package org.optlab.dataset;

import java.util.List;

/**
 * A table of examples: numeric features (row-major, n×d) and a target that is either a real number (regression) or one of
 * k named classes (classification, class indices 0 … k−1 in the order of {@code classNames}).
 *
 * @param name         where it came from, e.g. {@code iris} or {@code moons}
 * @param featureNames the d feature column names
 * @param targetName   the target column's name
 * @param x            n×d features, row-major
 * @param y            the real targets (regression), else null
 * @param labels       the class indices (classification), else null
 * @param classNames   the class names (classification), else empty
 */
public record Dataset(String name, List<String> featureNames, String targetName, double[] x, double[] y, int[] labels,
                      List<String> classNames) {

    public int size() {
        return y != null ? y.length : labels.length;
    }

    public int features() {
        return featureNames.size();
    }

    public boolean isClassification() {
        return labels != null;
    }

    public int classes() {
        return classNames.size();
    }

    /** rows × columns, and the task, for people: {@code 150 rows, 4 features, 3 classes}. */
    public String summary() {
        return size() + " rows, " + features() + " feature" + (features() == 1 ? "" : "s") + ", "
                + (isClassification() ? classes() + " classes" : "regression target " + targetName);
    }
}
