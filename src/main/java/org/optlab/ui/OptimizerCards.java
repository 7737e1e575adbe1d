package org.optlab.ui;

import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.optlab.engine.Algorithm;
import org.optlab.engine.RunStatus;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.lab.LiveExperiment;
import org.optlab.lab.LiveRun;
import org.optlab.lab.RunWords;

/**
 * The lab's optimizer cards side by side, each in a colour of its own: added, removed and duplicated here; an edit on
 * any card is told to the view, and so is a card's "look inside".
 */
final class OptimizerCards extends HorizontalLayout {

    private final List<OptimizerCard> cards = new ArrayList<>();
    /** The cards of the tab's run, by run index: the enabled ones when it was prepared. */
    private final List<OptimizerCard> running = new ArrayList<>();
    private final Runnable changed;
    private final Consumer<OptimizerCard> inside;

    /**
     * @param changed told after every edit, removal or duplicate (and after a card is added)
     * @param inside  told when a card asks to look inside its optimizer
     */
    OptimizerCards(Runnable changed, Consumer<OptimizerCard> inside) {
        this.changed = changed;
        this.inside = inside;
        setWrap(true);
        addClassName("optimizer-cards");
        getStyle().set("gap", "var(--lumo-space-s)");
    }

    /** A new card for {@code a}, filled from {@code spec} (null: the algorithm's defaults), in a colour not yet used. */
    OptimizerCard addCard(Algorithm a, OptimizerSpec spec) {
        Set<String> used = new HashSet<>();
        for (OptimizerCard c : cards) {
            used.add(c.color());
        }
        OptimizerCard card = new OptimizerCard(a, Colors.distinct(a, used));
        if (spec != null) {
            card.setSpec(spec);
        }
        card.addChangeListener(e -> changed.run());
        card.addRemoveListener(e -> {
            removeCard(card);
            changed.run();
        });
        card.addInsideListener(e -> inside.accept(card));
        card.addDuplicateListener(e -> {
            OptimizerCard copy = addCard(card.algorithm(), card.spec());
            copy.setEnabledOptimizer(card.isEnabled());
            changed.run();
        });
        cards.add(card);
        add(card);
        changed.run();
        return card;
    }

    private void removeCard(OptimizerCard card) {
        cards.remove(card);
        remove(card);
    }

    /** Removes every card (a document is opened). */
    void removeCards() {
        for (OptimizerCard c : all()) {
            removeCard(c);
        }
    }

    /** Every card, enabled or not, in the page's order (a copy: a card's event may add or remove cards). */
    List<OptimizerCard> all() {
        return List.copyOf(cards);
    }

    /** The enabled cards: the experiment's optimizers, in order. */
    List<OptimizerCard> enabled() {
        List<OptimizerCard> enabled = new ArrayList<>();
        for (OptimizerCard c : cards) {
            if (c.isEnabled()) {
                enabled.add(c);
            }
        }
        return enabled;
    }

    /** The cards' colours, in order: the charts draw each run in its card's colour. */
    static List<String> colors(List<OptimizerCard> cards) {
        List<String> colors = new ArrayList<>();
        for (OptimizerCard c : cards) {
            colors.add(c.color());
        }
        return colors;
    }

    /** A run of the enabled cards is prepared: they are its cards, by run index; a disabled card says it is not in it. */
    void bindRun() {
        running.clear();
        running.addAll(enabled());
        for (OptimizerCard c : all()) {
            if (!running.contains(c)) {
                c.setStatus("not in this run (disabled)", false);
            }
        }
    }

    /** The cards of the tab's run, by run index. */
    List<OptimizerCard> running() {
        return Collections.unmodifiableList(running);
    }

    /**
     * Run {@code run}'s card says how it goes: waiting in line, its step and loss, or how it ended with its final and
     * best loss; its warnings and its end are marked on the charts in the card's colour.
     */
    void showRun(LiveRun run, LiveExperiment live, LiveCharts charts) {
        OptimizerCard card = running.get(run.index());
        RunStatus s = run.status();
        if (s == RunStatus.RUNNING && live.state() == LiveExperiment.State.WAITING) {
            card.setStatus(RunWords.waiting(live.positionInLine()), false);
            return;
        }
        if (run.warningCount() > 0) {
            charts.markWarning(run, card.color());
        }
        if (s == RunStatus.RUNNING) {
            String warned = run.warningSummary();
            card.setStatus("step " + run.step() + " · loss " + String.format("%.6g", run.lastLoss())
                    + (warned.isEmpty() ? "" : "\n" + warned), !warned.isEmpty());
            return;
        }
        boolean bad = s == RunStatus.DIVERGED || s == RunStatus.SINGULAR_HESSIAN || !run.warningSummary().isEmpty();
        card.setStatus(RunWords.ended(run), bad);
        charts.markEnd(run, card.color());
    }
}
