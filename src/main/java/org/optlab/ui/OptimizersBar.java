package org.optlab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.optlab.engine.Algorithm;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.SeedsSpec;
import org.optlab.lab.LabService;

/**
 * The row above the optimizer cards: "Optimizers", + Add optimizer, and the three runs of the experiment the form
 * describes that open a dialog of their own: the learning-rate sweep, the (ε, α) map and the run of k seeds. A click
 * in the sweep or the map sets the card's hyper-parameters it points at.
 */
final class OptimizersBar extends HorizontalLayout {

    private final LabService lab;
    private final String owner;
    private final OptimizerCards cards;
    private final ProblemPanel problem;
    private final Supplier<ExperimentDocument> document;
    private final Consumer<SeedsSpec> seedsChosen;

    /**
     * @param document    the experiment the form describes, as the dialogs run it
     * @param seedsChosen told the seeds section of a run of k seeds, which the document then keeps
     */
    OptimizersBar(LabService lab, String owner, OptimizerCards cards, ProblemPanel problem,
                  Supplier<ExperimentDocument> document, Consumer<SeedsSpec> seedsChosen) {
        this.lab = lab;
        this.owner = owner;
        this.cards = cards;
        this.problem = problem;
        this.document = document;
        this.seedsChosen = seedsChosen;
        H3 optimizersTitle = new H3("Optimizers");
        optimizersTitle.getStyle().set("margin", "0");
        Button add = new Button("+ Add optimizer", e -> cards.addCard(Algorithm.ADAM, null));
        add.setId("add-optimizer");
        Button sweep = new Button("Sweep ε…", e -> openSweep());
        sweep.setId("sweep");
        sweep.setTooltipText("run every optimizer over a grid of learning rates ε and draw its loss against ε");
        Button map = new Button("Map ε, α…", e -> openMap());
        map.setId("map");
        map.setTooltipText("on a 2-D function: the steps one momentum-type optimizer takes to the minimum over a grid of"
                + " ε and α (ρ, ρ₁), as a heat map");
        Button seeds = new Button("Run k seeds…", e -> openSeeds());
        seeds.setId("seeds");
        seeds.setTooltipText("run the experiment with k seeds and draw each optimizer's mean curve with its band");
        add(optimizersTitle, add, sweep, map, seeds);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        getStyle().set("flex-wrap", "wrap"); // "Sweep ε…" goes below on a phone
    }

    /** The learning-rate sweep of the experiment the form describes; a click on a point sets that card's ε. */
    private void openSweep() {
        List<OptimizerCard> swept = cards.enabled();
        new SweepDialog(lab, owner, document.get(), OptimizerCards.colors(swept), (i, epsilon) ->
                swept.get(i).setSpec(swept.get(i).spec().with(Algorithm.Hyper.LEARNING_RATE, epsilon))).open();
    }

    /**
     * The experiment the form describes, run with k seeds; the k of a run becomes the document's seeds section (in place
     * of a sweep section: a document runs one or the other), so that Save keeps it.
     */
    private void openSeeds() {
        new SeedsDialog(lab, owner, document.get(), OptimizerCards.colors(cards.enabled()), seedsChosen).open();
    }

    /**
     * The (ε, α) map of one momentum-type optimizer of the experiment the form describes (a 2-D function); a click on a
     * cell sets that card's ε and α (ρ, ρ₁). Says why when there is nothing to map.
     */
    private void openMap() {
        List<OptimizerCard> enabled = cards.enabled();
        ExperimentDocument d = document.get();
        if (problem.kind() != ProblemPanel.Kind.FUNCTION) {
            Notification.show("The (ε, α) map is drawn on a 2-D function: choose one under Problem (the learning-rate"
                    + " sweep works on data too)", 6000, Notification.Position.MIDDLE);
            return;
        }
        if (MapDialog.mappable(d).isEmpty()) {
            Notification.show("No enabled card has a learning rate ε and a momentum α, ρ or ρ₁ to map: add momentum,"
                    + " Nesterov, RMSProp or Adam", 6000, Notification.Position.MIDDLE);
            return;
        }
        new MapDialog(lab, owner, d, OptimizerCards.colors(enabled), 0, (i, epsilon, second, value) ->
                enabled.get(i).setSpec(enabled.get(i).spec().with(Algorithm.Hyper.LEARNING_RATE, epsilon)
                        .with(second, value))).open();
    }
}
