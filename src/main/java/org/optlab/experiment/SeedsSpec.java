package org.optlab.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The optional {@code seeds} section of a document: run the whole experiment {@code count} times, once per seed, and keep
 * each optimizer's spread over the seeds (its mean curve and a band) instead of one curve. Seed i (i = 0 … count − 1) is
 * the document's {@code seed} + i (Java's 64-bit addition, wrapping past the largest long), and everything the seed
 * draws follows it: the minibatch order, the gradient noise, θ₀ of a model, the split, and the toy data unless
 * {@code problem.seed} fixes the data. Run i is therefore exactly the plain document with {@code seed} = seed + i, and
 * one seed is the plain run. An absent {@code count} takes {@link Defaults#SEEDS}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"count"})
public record SeedsSpec(Integer count) {

    /** The default section: {@link Defaults#SEEDS} seeds. */
    public static SeedsSpec defaults() {
        return new SeedsSpec(null);
    }

    @JsonIgnore
    public int countOrDefault() {
        return count == null ? Defaults.SEEDS : count;
    }

    /** The seed of run i, from the document's seed (its default when it gives none). */
    public static long seed(ExperimentDocument document, int i) {
        long base = document.seed() == null ? Defaults.SEED : document.seed();
        return base + i;
    }
}
