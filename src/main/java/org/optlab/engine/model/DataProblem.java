package org.optlab.engine.model;

import org.optlab.engine.Objective;
import org.optlab.engine.Problem;

/**
 * A model trained on data: J(θ) = (1/m) Σ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾) (+ weight decay) on a minibatch of m training examples per
 * update. m = N is batch gradient descent, 1 &lt; m &lt; N minibatch SGD, m = 1 SGD proper. The recorded loss is J on the
 * whole training set; the metrics are the validation loss and, for classification, the training and validation accuracy.
 */
public final class DataProblem implements Problem {

    private final Model model;
    private final Examples train;
    private final Examples validation;
    /** A test set drawn fresh from the data's generator (null: none): its loss is an estimate of J*. */
    private final Examples test;
    private final int[] allTest;
    private final int batchSize;
    private final MinibatchSampler sampler;
    private final int[] all;
    private final int[] allValidation;
    private final int[] batch;
    private int m;
    private final int[] correct = new int[1];
    private final String[] metricNames;
    private final Objective minibatchObjective = new Objective() {
        @Override
        public int dimension() {
            return model.parameterCount();
        }

        @Override
        public double value(double[] theta) {
            return model.loss(theta, train, batch, m);
        }

        @Override
        public void gradient(double[] theta, double[] g) {
            model.gradient(theta, train, batch, m, g);
        }

        @Override
        public void hessian(double[] theta, double[] h) {
            model.hessian(theta, train, batch, m, h);
        }
    };

    /**
     * @param validation the validation examples, or null for none
     * @param batchSize  m, 1 … N
     * @param seed       seeds the minibatch order: runs with the same seed and m see the same minibatches
     */
    public DataProblem(Model model, Examples train, Examples validation, int batchSize, long seed) {
        this(model, train, validation, null, batchSize, seed);
    }

    /**
     * @param test examples drawn fresh from the same generator as the training set (null: none); their loss is recorded
     *             as {@value #TEST_LOSS}, the generalisation error J* estimated on data no split has touched
     */
    public DataProblem(Model model, Examples train, Examples validation, Examples test, int batchSize, long seed) {
        this.model = model;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.allTest = test == null ? null : identity(test.size());
        this.batchSize = batchSize;
        int n = train.size();
        this.all = identity(n);
        this.allValidation = validation == null ? null : identity(validation.size());
        this.sampler = batchSize < n ? new MinibatchSampler(n, batchSize, seed) : null;
        this.batch = batchSize < n ? new int[batchSize] : all;
        this.m = n;
        boolean classes = train.isClassification();
        String[] names;
        if (validation == null) {
            names = classes ? new String[] {"accuracy"} : new String[0];
        } else {
            names = classes ? new String[] {"validationLoss", "accuracy", "validationAccuracy"}
                    : new String[] {"validationLoss"};
        }
        if (test != null) {
            names = java.util.Arrays.copyOf(names, names.length + 1);
            names[names.length - 1] = TEST_LOSS;
        }
        if (sampler != null) {
            // with minibatches (m < N): the loss on the last update's minibatch, the noisy J the optimizer follows
            names = java.util.Arrays.copyOf(names, names.length + 1);
            names[names.length - 1] = MINIBATCH_LOSS;
        }
        metricNames = names;
    }

    /**
     * The metric of minibatch runs: J on the minibatch of update k at θ_k, the θ that update produced (at step 0, before
     * any minibatch, J on the whole training set). Its noise around the training loss is SGD's gradient noise made
     * visible.
     */
    public static final String MINIBATCH_LOSS = "minibatchLoss";

    /** The metric of a problem with a fresh test set: the mean loss on it, without weight decay (as the validation loss). */
    public static final String TEST_LOSS = "testLoss";

    private boolean sampled;

    private static int[] identity(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    public Model model() {
        return model;
    }

    public int batchSize() {
        return batchSize;
    }

    @Override
    public int dimension() {
        return model.parameterCount();
    }

    @Override
    public void beforeUpdate(long k) {
        if (sampler != null) {
            int offset = sampler.next();
            m = sampler.lastSize();
            System.arraycopy(sampler.indices(), offset, batch, 0, m);
            sampled = true;
        }
    }

    @Override
    public Objective objective() {
        return minibatchObjective;
    }

    @Override
    public double evaluate(double[] theta, double[] metrics) {
        double J = model.evaluate(theta, train, all, all.length, correct) + model.penalty(theta);
        double trainAccuracy = (double) correct[0] / all.length;
        int j = 0;
        double validationAccuracy = 0;
        if (validation != null) {
            metrics[j++] = model.evaluate(theta, validation, allValidation, allValidation.length, correct);
            validationAccuracy = (double) correct[0] / allValidation.length;
        }
        if (train.isClassification()) {
            metrics[j++] = trainAccuracy;
            if (validation != null) {
                metrics[j++] = validationAccuracy;
            }
        }
        if (test != null) {
            metrics[j++] = model.evaluate(theta, test, allTest, allTest.length, correct);
        }
        if (sampler != null) {
            metrics[j] = sampled ? minibatchObjective.value(theta) : J;
        }
        return J;
    }

    @Override
    public void fullGradient(double[] theta, double[] g) {
        model.gradient(theta, train, all, all.length, g);
    }

    @Override
    public boolean recordsPath() {
        return false;
    }

    @Override
    public String[] metricNames() {
        return metricNames.clone();
    }

    @Override
    public long stepsPerEpoch() {
        return sampler == null ? 1 : sampler.stepsPerEpoch();
    }
}
