package org.optlab.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.optlab.engine.model.Examples;

/**
 * From a dataset to training and validation examples: a seeded split (stratified by class for classification), then
 * standardisation of every feature with the training split's mean and population standard deviation (a constant column
 * becomes 0). A regression target is standardised the same way, so that a loss of 1 means "as good as predicting the mean".
 */
public final class Preprocessing {

    /** Training and validation examples (validation null when the fraction is 0). */
    public record Split(Examples train, Examples validation, double[] featureMean, double[] featureStd) {
    }

    private Preprocessing() {
    }

    /**
     * Splits and standardises.
     *
     * @param validationFraction in [0, 1): the share of rows held out for validation
     */
    public static Split split(Dataset data, double validationFraction, long seed) {
        return split(data, validationFraction, seed, null).split();
    }

    /** A split with a test set drawn apart from the data: its examples standardised as the training split's. */
    public record WithTest(Split split, Examples test) {
    }

    /**
     * Splits and standardises {@code data} as {@link #split(Dataset, double, long)} does, and standardises {@code fresh}
     * (a fresh draw from the same generator, never seen in training; null for none) with the training split's means and
     * deviations, features and regression target alike, so that its loss estimates J* for the trained model.
     */
    public static WithTest split(Dataset data, double validationFraction, long seed, Dataset fresh) {
        int n = data.size();
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        if (data.isClassification()) {
            for (int c = 0; c < data.classes(); c++) {
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (data.labels()[i] == c) {
                        members.add(i);
                    }
                }
                take(members, validationFraction, random, train, validation);
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            take(all, validationFraction, random, train, validation);
        }
        Collections.sort(train);
        Collections.sort(validation);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the validation split leaves no training rows");
        }
        int d = data.features();
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int i : train) {
            for (int j = 0; j < d; j++) {
                mean[j] += data.x()[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= train.size();
        }
        for (int i : train) {
            for (int j = 0; j < d; j++) {
                double dev = data.x()[i * d + j] - mean[j];
                std[j] += dev * dev;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j] / train.size());
        }
        double yMean = 0;
        double yStd = 1;
        if (!data.isClassification()) {
            yMean = 0;
            for (int i : train) {
                yMean += data.y()[i];
            }
            yMean /= train.size();
            double s = 0;
            for (int i : train) {
                s += (data.y()[i] - yMean) * (data.y()[i] - yMean);
            }
            yStd = Math.sqrt(s / train.size());
            if (yStd == 0) {
                yStd = 1;
            }
        }
        Split split = new Split(examples(data, train, mean, std, yMean, yStd),
                validation.isEmpty() ? null : examples(data, validation, mean, std, yMean, yStd), mean, std);
        Examples test = null;
        if (fresh != null) {
            List<Integer> every = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                every.add(i);
            }
            test = examples(fresh, every, mean, std, yMean, yStd);
        }
        return new WithTest(split, test);
    }

    private static void take(List<Integer> members, double fraction, Random random, List<Integer> train,
                             List<Integer> validation) {
        Collections.shuffle(members, random);
        int held = (int) Math.round(fraction * members.size());
        if (fraction > 0 && held == members.size() && members.size() > 1) {
            held = members.size() - 1;
        }
        validation.addAll(members.subList(0, held));
        train.addAll(members.subList(held, members.size()));
    }

    private static Examples examples(Dataset data, List<Integer> rows, double[] mean, double[] std, double yMean,
                                     double yStd) {
        int d = data.features();
        double[] x = new double[rows.size() * d];
        for (int r = 0; r < rows.size(); r++) {
            int i = rows.get(r);
            for (int j = 0; j < d; j++) {
                x[r * d + j] = std[j] == 0 ? 0 : (data.x()[i * d + j] - mean[j]) / std[j];
            }
        }
        if (data.isClassification()) {
            int[] labels = new int[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                labels[r] = data.labels()[rows.get(r)];
            }
            return Examples.classification(d, x, labels, data.classes());
        }
        double[] y = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            y[r] = (data.y()[rows.get(r)] - yMean) / yStd;
        }
        return Examples.regression(d, x, y);
    }
}
