package org.optlab.experiment;

import org.optlab.engine.Trainer;

/**
 * Runs that a live grid job advances one after another in slices: the points of a learning-rate {@link Sweep} or the
 * cells of an (ε, α) {@link SweepMap}. Run {@code p} is prepared when asked for; it must be advanced by one thread at a
 * time, and its result is a pure function of the document and {@code p}.
 *
 * @param <R> what a finished run reports
 */
public interface GridRuns<R> {

    /** Runs in the grid. */
    int size();

    /** Run p, ready to advance. */
    Run<R> point(int p);

    /** One run of the grid. */
    interface Run<R> {
        /** At most {@code updates} more updates; true when the run has ended. */
        boolean advance(long updates);

        /** Ends the run before its next update (any thread). */
        void requestStop();

        /** The run as it ended (call once {@link #advance} returned true). */
        R result();
    }

    /** A run that is one trainer's: advanced and stopped through it. */
    abstract class TrainerRun<R> implements Run<R> {

        /** The run's trainer. */
        protected abstract Trainer trainer();

        @Override
        public final boolean advance(long updates) {
            return trainer().advance(updates);
        }

        @Override
        public final void requestStop() {
            trainer().requestStop();
        }
    }
}
