package org.optlab.engine;

import java.util.Set;

/**
 * The algorithms of the lecture (Algorithms 8.1–8.8) plus damped Newton, with their ids, the hyper-parameters each reads
 * and their defaults.
 *
 * <p>Defaults the lecture gives: α = 0.9 (8.2, 8.3, 8.6), δ = 10⁻⁷ (8.4), ρ = 0.9 and δ = 10⁻⁶ (8.5), and Adam's
 * ε = 0.001, ρ₁ = 0.9, ρ₂ = 0.999, δ = 10⁻⁸ (8.7). Where it gives no ε, OptLab picks one that converges on the default
 * problem (the quadratic with A = diag(1, 10) from (−1.5, 1)): 0.01 for SGD, momentum, Nesterov, RMSProp and RMSProp with
 * Nesterov, 0.1 for AdaGrad (whose steps shrink as r grows).
 */
public enum Algorithm {
    SGD("sgd", "8.1", "Stochastic gradient descent", Set.of(Hyper.LEARNING_RATE), 0.01),
    MOMENTUM("momentum", "8.2", "SGD with momentum", Set.of(Hyper.LEARNING_RATE, Hyper.MOMENTUM), 0.01),
    NESTEROV("nesterov", "8.3", "SGD with Nesterov momentum", Set.of(Hyper.LEARNING_RATE, Hyper.MOMENTUM), 0.01),
    ADAGRAD("adagrad", "8.4", "AdaGrad", Set.of(Hyper.LEARNING_RATE, Hyper.DELTA), 0.1),
    RMSPROP("rmsprop", "8.5", "RMSProp", Set.of(Hyper.LEARNING_RATE, Hyper.RHO, Hyper.DELTA), 0.01),
    RMSPROP_NESTEROV("rmsprop-nesterov", "8.6", "RMSProp with Nesterov momentum",
            Set.of(Hyper.LEARNING_RATE, Hyper.RHO, Hyper.MOMENTUM), 0.01),
    ADAM("adam", "8.7", "Adam", Set.of(Hyper.LEARNING_RATE, Hyper.RHO1, Hyper.RHO2, Hyper.DELTA), 0.001),
    NEWTON("newton", "8.8", "Newton's method", Set.of(), Double.NaN),
    DAMPED_NEWTON("damped-newton", "eq. 8.28", "Damped Newton with line search (not Algorithm 8.8)", Set.of(), Double.NaN);

    /**
     * The hyper-parameters, by their names in documents and their symbols in the lecture, each with the range a document
     * may give it (an open or closed end on each side). A new hyper-parameter is one entry here and the algorithms that
     * read it; the document, its validator and the lab's form follow from the entry.
     */
    public enum Hyper {
        LEARNING_RATE("learningRate", "ε", "learning rate", 0, false, 1e6, true),
        MOMENTUM("momentum", "α", "momentum", 0, true, 1, false),
        RHO("rho", "ρ", "decay rate", 0, true, 1, false),
        RHO1("rho1", "ρ₁", "decay rate", 0, true, 1, false),
        RHO2("rho2", "ρ₂", "decay rate", 0, true, 1, false),
        DELTA("delta", "δ", "small constant", 0, true, 1, true);

        private final String key;
        private final String symbol;
        private final String words;
        private final double min;
        private final boolean minClosed;
        private final double max;
        private final boolean maxClosed;

        Hyper(String key, String symbol, String words, double min, boolean minClosed, double max, boolean maxClosed) {
            this.key = key;
            this.symbol = symbol;
            this.words = words;
            this.min = min;
            this.minClosed = minClosed;
            this.max = max;
            this.maxClosed = maxClosed;
        }

        /** The field's name in a document, e.g. {@code learningRate}. */
        public String key() {
            return key;
        }

        /** The lecture's symbol, e.g. ε. */
        public String symbol() {
            return symbol;
        }

        /** The lecture's words for it, e.g. "learning rate". */
        public String words() {
            return words;
        }

        public double min() {
            return min;
        }

        public boolean minClosed() {
            return minClosed;
        }

        public double max() {
            return max;
        }

        public boolean maxClosed() {
            return maxClosed;
        }

        /** True when a document may give it this value (finite and within its range). */
        public boolean admits(double value) {
            return Double.isFinite(value) && (minClosed ? value >= min : value > min)
                    && (maxClosed ? value <= max : value < max);
        }

        /** The hyper-parameter with that document key, or null. */
        public static Hyper byKey(String key) {
            for (Hyper h : values()) {
                if (h.key.equals(key)) {
                    return h;
                }
            }
            return null;
        }
    }

    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_RHO = 0.9;
    public static final double DEFAULT_RHO1 = 0.9;
    public static final double DEFAULT_RHO2 = 0.999;

    private final String id;
    private final String lecture;
    private final String title;
    private final Set<Hyper> hypers;
    private final double defaultLearningRate;

    Algorithm(String id, String lecture, String title, Set<Hyper> hypers, double defaultLearningRate) {
        this.id = id;
        this.lecture = lecture;
        this.title = title;
        this.hypers = hypers;
        this.defaultLearningRate = defaultLearningRate;
    }

    /** The id in documents, e.g. {@code rmsprop-nesterov}. */
    public String id() {
        return id;
    }

    /** Where it stands in the lecture, e.g. {@code 8.5}. */
    public String lecture() {
        return lecture;
    }

    public String title() {
        return title;
    }

    /** True when this algorithm reads that hyper-parameter. */
    public boolean uses(Hyper h) {
        return hypers.contains(h);
    }

    /** The default of a hyper-parameter for this algorithm. */
    public double defaultValue(Hyper h) {
        return switch (h) {
            case LEARNING_RATE -> defaultLearningRate;
            case MOMENTUM -> DEFAULT_MOMENTUM;
            case RHO -> DEFAULT_RHO;
            case RHO1 -> DEFAULT_RHO1;
            case RHO2 -> DEFAULT_RHO2;
            case DELTA -> switch (this) {
                case ADAGRAD -> 1e-7;
                case RMSPROP -> 1e-6;
                case ADAM -> 1e-8;
                default -> 0;
            };
        };
    }

    /** The algorithm with that id, or null. */
    public static Algorithm byId(String id) {
        for (Algorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }

    /** A fresh optimizer for a run on n parameters, its state at zero. */
    public Optimizer create(Hyperparameters hp, int n) {
        return switch (this) {
            case SGD -> new Sgd(hp, n);
            case MOMENTUM -> new Momentum(hp, n);
            case NESTEROV -> new Nesterov(hp, n);
            case ADAGRAD -> new AdaGrad(hp, n);
            case RMSPROP -> new RmsProp(hp, n);
            case RMSPROP_NESTEROV -> new RmsPropNesterov(hp, n);
            case ADAM -> new Adam(hp, n);
            case NEWTON -> new Newton(n);
            case DAMPED_NEWTON -> new DampedNewton(n);
        };
    }

    /** True for the second-order methods, which need the Hessian and always use the full batch. */
    public boolean secondOrder() {
        return this == NEWTON || this == DAMPED_NEWTON;
    }
}
