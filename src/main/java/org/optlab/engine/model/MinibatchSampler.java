package org.optlab.engine.model;

import java.util.Random;

/**
 * Draws minibatches of m examples without replacement from N, reshuffling at the start of every epoch (Fisher–Yates, from
 * a generator seeded by the experiment's seed). An epoch is ⌈N/m⌉ updates; its last minibatch holds the N mod m examples
 * left when m does not divide N. Two samplers with the same seed, N and m draw the same sequence.
 */
public final class MinibatchSampler {

    private final int[] permutation;
    private final int m;
    private final Random random;
    private int position;

    public MinibatchSampler(int n, int m, long seed) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("batch size must be in 1 … " + n + ", got " + m);
        }
        this.permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        this.m = m;
        this.random = new Random(seed);
        this.position = n;
    }

    /** Updates per epoch, ⌈N/m⌉. */
    public long stepsPerEpoch() {
        return (permutation.length + m - 1) / m;
    }

    /**
     * Advances to the next minibatch; its examples are {@link #indices()}[offset … offset + size), where offset is the
     * value returned and size is {@link #lastSize()}.
     */
    public int next() {
        int n = permutation.length;
        if (position >= n) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = t;
            }
            position = 0;
        }
        int offset = position;
        lastSize = Math.min(m, n - position);
        position += lastSize;
        return offset;
    }

    private int lastSize;

    public int lastSize() {
        return lastSize;
    }

    /** The current epoch's permutation of 0 … N−1. */
    public int[] indices() {
        return permutation;
    }
}
