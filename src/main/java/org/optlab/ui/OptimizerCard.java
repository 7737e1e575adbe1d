package org.optlab.ui;

import static org.optlab.ui.BoundFields.filled;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasEnabled;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.select.SelectVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.shared.Registration;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ScheduleSpec;
import org.optlab.experiment.ScheduleType;

/**
 * One optimizer's configuration: algorithm, its hyper-parameters with the lecture's symbols and defaults, batch size m
 * (with shortcuts batch / minibatch / SGD), learning-rate schedule, colour, and the lecture's algorithm box one click away.
 * It fires a {@link ChangeEvent} on every edit, a {@link DuplicateEvent} and a {@link RemoveEvent}.
 *
 * <p>The fields are bound with Vaadin's {@link Binder} to the document's {@link OptimizerSpec}: each edit rebuilds the
 * record (records are immutable; the binder's setters replace it in a small {@link Draft}), every field written as it
 * stands, so that the card's optimizer is always what it shows. The hyper-parameter fields are made from {@link Hyper}'s
 * entries and shown for the ones the algorithm reads, so a new hyper-parameter needs nothing here. The binder checks only
 * what the document cannot: a shown field left empty (or holding text that is not a number). Every range is the
 * validator's ({@code ExperimentValidator}); its violations come back by path ({@code optimizers[2].learningRate}) and
 * {@link #showError} marks the field that path names.
 */
public class OptimizerCard extends Div {

    private final TextField label = new TextField("Label");
    private final Select<Algorithm> algorithm = new Select<>();
    private final Map<Hyper, NumberField> hypers = new EnumMap<>(Hyper.class);
    private final IntegerField batchSize = new IntegerField("Batch size m");
    /** Adam's lines 7–8 (bias correction), on as in the book; off to see why they are there. */
    private final Checkbox biasCorrection = new Checkbox("bias correction (lines 7–8)", true);
    /** Gradient clipping by norm (§10.11.1): empty is off. */
    private final NumberField clipNorm = new NumberField("clip ‖g‖ at v");
    /** This optimizer's gradient noise σ on a 2-D function (empty: the problem's). */
    private final NumberField noise = new NumberField("gradient noise σ (this optimizer)");
    /** This optimizer's own start θ₀ on a 2-D function (both empty: the problem's start). */
    private final NumberField startX = new NumberField("start θ₀ x");
    private final NumberField startY = new NumberField("start θ₀ y");
    private final HorizontalLayout batchShortcuts = new HorizontalLayout();
    private final Select<ScheduleType> schedule = new Select<>();
    private final NumberField finalLearningRate = new NumberField("Final ε_τ");
    private final IntegerField tau = new IntegerField("τ (steps)");
    private final Input color = new Input();
    private final Checkbox enabled = new Checkbox("Enabled", true);
    private final Span status = new Span();
    private final Button box = new Button();
    private final Button duplicate = new Button("Duplicate");
    private final Button remove = new Button("Remove");
    private final Button look = new Button("Inside");
    private int trainingSize = 0;
    /** The problem's gradient noise σ on a 2-D function (null: none), which the card's own σ replaces when filled. */
    private Double problemNoise;

    /** The card's fields, bound to the optimizer they edit, by the path below {@code optimizers[i]} that names each. */
    private final BoundFields<Draft> fields = new BoundFields<>();
    private Draft draft;
    /** Hyper-parameters the student typed on this card (kept when the kind of problem changes). */
    private final Set<Hyper> edited = EnumSet.noneOf(Hyper.class);
    /** The kind of problem the values were chosen for: true a dataset, false a function, null not known yet. */
    private Boolean dataset;
    /** Above 0 while the card sets several fields itself (defaults, a document's optimizer): one change at the end. */
    private int quiet;
    private boolean changedQuietly;
    private boolean statusBad;

    /**
     * What the card's fields edit: the optimizer as the document's record, rebuilt by each edit, and the two halves of a
     * start θ₀ as they are typed (the record holds a start only when both are there). The record keeps what the card
     * shows for the current algorithm and kind of problem and what it hides; {@link #spec()} leaves out the hidden.
     */
    static final class Draft {
        private OptimizerSpec optimizer;
        private Double startX;
        private Double startY;

        Draft(OptimizerSpec o) {
            Algorithm a = o.algorithm();
            OptimizerSpec filled = o.withStart(null);
            for (Hyper h : Hyper.values()) {
                if (a != null && a.uses(h) && o.hyper(h) == null) {
                    filled = filled.with(h, a.defaultValue(h)); // the card shows the default it trains with
                }
            }
            ScheduleSpec s = o.schedule();
            this.optimizer = filled.withSchedule(s != null && s.type() != null ? s
                    : new ScheduleSpec(ScheduleType.CONSTANT, null, null));
            this.startX = o.start() == null ? null : o.start()[0];
            this.startY = o.start() == null ? null : o.start()[1];
        }

        private ScheduleSpec schedule() {
            return optimizer.schedule();
        }

        private void schedule(ScheduleType type, Double finalLearningRate, Long steps) {
            optimizer = optimizer.withSchedule(new ScheduleSpec(type, finalLearningRate, steps));
        }

        private void algorithm(Algorithm a) {
            OptimizerSpec o = optimizer;
            optimizer = new OptimizerSpec(o.label(), a, o.hyper(), o.schedule(), o.batchSize(), o.biasCorrection(),
                    o.clipNorm(), o.gradientNoise(), null);
        }
    }

    public OptimizerCard(Algorithm initial, String initialColor) {
        addClassName("optimizer-card");
        getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("width", "250px")
                .set("box-sizing", "border-box").set("background", "var(--lumo-base-color)");

        algorithm.setLabel("Algorithm");
        algorithm.setItems(Algorithm.values());
        algorithm.setItemLabelGenerator(a -> a.id() + " (" + a.lecture() + ")");
        algorithm.setWidthFull();
        algorithm.addThemeVariants(SelectVariant.LUMO_SMALL);
        label.setWidthFull();
        label.setMaxLength(60);
        label.setPlaceholder("e.g. GD, Adam ε=0.05");
        label.addThemeVariants(TextFieldVariant.LUMO_SMALL);

        for (Hyper h : Hyper.values()) {
            NumberField f = new NumberField(words(h));
            f.setWidthFull();
            f.setStepButtonsVisible(false);
            f.addThemeVariants(TextFieldVariant.LUMO_SMALL);
            f.getElement().setAttribute("data-hyper", h.key());
            f.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    edited.add(h);
                }
            });
            hypers.put(h, f);
        }
        batchSize.setWidthFull();
        batchSize.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        Button full = shortcut("batch", () -> batchSize.setValue(Math.max(1, trainingSize)));
        Button mini = shortcut("minibatch", () -> batchSize.setValue(Math.max(1, Math.min(32, trainingSize))));
        Button one = shortcut("SGD", () -> batchSize.setValue(1));
        batchShortcuts.add(full, mini, one);
        batchShortcuts.setSpacing(false);
        batchShortcuts.getStyle().set("gap", "var(--lumo-space-xs)");

        schedule.setLabel("Learning-rate schedule");
        schedule.setItems(ScheduleType.values());
        schedule.setItemLabelGenerator(s -> switch (s) {
            case LINEAR -> "linear decay to ε_τ";
            case INVERSE -> "1/k: ε₀ / (1 + k/τ)";
            case EXPONENTIAL -> "exponential: ε₀ e^(−k/τ)";
            case CONSTANT -> "constant ε";
        });
        // the Robbins–Monro conditions (Σ ε_k = ∞, Σ ε_k² < ∞) under which SGD converges, stated where the schedule
        // is chosen for this card's gradients (updateVisibility: with each edit, batch size, σ, problem and dataset)
        schedule.setWidthFull();
        schedule.addThemeVariants(SelectVariant.LUMO_SMALL);
        finalLearningRate.setWidthFull();
        finalLearningRate.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        tau.setWidthFull();
        tau.addThemeVariants(TextFieldVariant.LUMO_SMALL);

        biasCorrection.getElement().setAttribute("data-hyper", "biasCorrection");
        biasCorrection.setTooltipText("Algorithm 8.7, lines 7–8: ŝ ← s / (1 − ρ₁ᵗ), r̂ ← r / (1 − ρ₂ᵗ)."
                + " Off: the first step is about 3.16 ε instead of ε.");
        clipNorm.setPlaceholder("off");
        clipNorm.setHelperText("if ‖g‖ > v: g ← g v / ‖g‖ (empty: no clipping)");
        clipNorm.setWidthFull();
        clipNorm.setStepButtonsVisible(false);
        clipNorm.getElement().setAttribute("data-hyper", "clipNorm");
        noise.setPlaceholder("the problem's");
        noise.setWidthFull();
        noise.setStepButtonsVisible(false);
        noise.getElement().setAttribute("data-hyper", "gradientNoise");
        for (NumberField f : new NumberField[] {startX, startY}) {
            f.setPlaceholder("the problem's");
            f.setStepButtonsVisible(false);
            f.setWidth("50%");
            f.addThemeVariants(TextFieldVariant.LUMO_SMALL);
            f.getElement().setAttribute("data-hyper", "start");
        }
        startX.setHelperText("empty: the problem's θ₀");

        color.setType("color");
        color.getElement().setAttribute("aria-label", "Colour");
        color.getStyle().set("width", "3em").set("height", "2em").set("border", "none").set("background", "none");
        color.setValue(initialColor);

        box.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        box.addClickListener(e -> AlgorithmBoxes.open(algorithm.getValue()));
        duplicate.addClickListener(e -> fireEvent(new DuplicateEvent(this)));
        remove.addClickListener(e -> fireEvent(new RemoveEvent(this)));
        look.addClickListener(e -> fireEvent(new InsideEvent(this)));
        look.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        look.getElement().setAttribute("title", "look inside this optimizer: its state at each step");
        duplicate.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);

        HorizontalLayout top = new HorizontalLayout(color, enabled);
        top.setAlignItems(FlexComponent.Alignment.CENTER);
        status.addClassName("run-status");
        status.getStyle().set("font-size", "var(--lumo-font-size-s)").set("white-space", "pre-wrap");
        VerticalLayout body = new VerticalLayout(top, label, algorithm, box);
        for (NumberField f : hypers.values()) {
            body.add(f);
        }
        HorizontalLayout start = new HorizontalLayout(startX, startY);
        start.setSpacing(false);
        start.getStyle().set("gap", "var(--lumo-space-xs)");
        start.setWidthFull();
        body.add(biasCorrection, clipNorm, noise, start, batchSize, batchShortcuts, schedule, finalLearningRate, tau,
                new HorizontalLayout(duplicate, remove, look), status);
        body.setPadding(false);
        body.setSpacing(false);
        add(body);

        bindFields();
        fields.addUnreadableTextListener(this::fireChange); // "empty" became "not a number", or back
        fields.addEditListener(e -> {
            updateVisibility(); // an algorithm, a schedule: what the card shows follows what it edits
            if (e.getHasValue() != algorithm) {
                fireChange(); // a new algorithm is one edit with its defaults, below
            }
        });
        algorithm.addValueChangeListener(e -> {
            boolean filling = quiet > 0; // from a document: its values, not the defaults
            quietly(() -> {
                if (!filling && (e.isFromClient() || e.getOldValue() != null)) {
                    applyDefaults(e.getValue());
                }
                fireChange();
            });
        });
        enabled.addValueChangeListener(e -> fireChange());
        color.addValueChangeListener(e -> fireChange());

        draft = new Draft(OptimizerSpec.of(null, initial));
        read(draft);
        applyDefaults(initial);
        setDataMode(false, 0);
    }

    /**
     * Binds every field to the part of the optimizer it edits, under the path a violation names it by. Each
     * hyper-parameter's field is bound from its {@link Hyper} entry; each number the card shows must be filled in (empty
     * would train with a default the student never saw), which is the one rule the binder checks.
     */
    private void bindFields() {
        bind(label, "label", "label")
                .withConverter(t -> t == null || t.isBlank() ? null : t.trim(), s -> s == null ? "" : s)
                .bind(d -> d.optimizer.label(), (d, text) -> d.optimizer = d.optimizer.withLabel(text));
        bind(algorithm, "algorithm", "algorithm")
                .bind(d -> d.optimizer.algorithm(), Draft::algorithm);
        for (Hyper h : Hyper.values()) {
            NumberField f = hypers.get(h);
            bind(f, h.key(), words(h))
                    .withValidator(filled(() -> reads(h), words(h), () -> "enter a number"
                            + " (the lecture's default is " + number(algorithm.getValue().defaultValue(h)) + ")"))
                    .bind(d -> d.optimizer.hyper(h), (d, v) -> d.optimizer = d.optimizer.with(h, v));
        }
        bind(biasCorrection, "biasCorrection", "bias correction")
                .bind(d -> !Boolean.FALSE.equals(d.optimizer.biasCorrection()),
                        (d, on) -> d.optimizer = d.optimizer.withBiasCorrection(on ? null : Boolean.FALSE));
        bind(clipNorm, "clipNorm", "clipping threshold v")
                .bind(d -> d.optimizer.clipNorm(), (d, v) -> d.optimizer = d.optimizer.withClipNorm(v));
        bind(noise, "gradientNoise", "gradient noise σ")
                .bind(d -> d.optimizer.gradientNoise(), (d, v) -> d.optimizer = d.optimizer.withGradientNoise(v));
        bind(startX, "start", "start θ₀")
                .withValidator(filled(() -> startX.isVisible() && !startY.isEmpty(), startX.getLabel(),
                        OptimizerCard::halfAStart))
                .bind(d -> d.startX, (d, x) -> d.startX = x);
        bind(startY, "start[1]", "start θ₀")
                .withValidator(filled(() -> startY.isVisible() && !startX.isEmpty(), startY.getLabel(),
                        OptimizerCard::halfAStart))
                .bind(d -> d.startY, (d, y) -> d.startY = y);
        fields.alias("start[0]", startX, "start θ₀");
        bind(batchSize, "batchSize", "batch size m")
                .withValidator(filled(batchSize::isVisible, "batch size m", () -> "enter a number of examples"))
                .bind(d -> d.optimizer.batchSize(), (d, m) -> d.optimizer = d.optimizer.withBatchSize(m));
        bind(schedule, "schedule", "learning-rate schedule")
                .bind(d -> d.schedule().type(),
                        (d, type) -> d.schedule(type, d.schedule().finalLearningRate(), d.schedule().steps()));
        bind(finalLearningRate, "schedule.finalLearningRate", "final learning rate ε_τ")
                .withValidator(filled(finalLearningRate::isVisible, "final learning rate ε_τ", () -> "enter a number"))
                .bind(d -> d.schedule().finalLearningRate(),
                        (d, v) -> d.schedule(d.schedule().type(), v, d.schedule().steps()));
        bind(tau, "schedule.steps", "τ (steps of the decay)")
                .withValidator(filled(tau::isVisible, "τ", () -> "enter a number of steps"))
                .withConverter(k -> k == null ? null : k.longValue(),
                        k -> k == null ? null : (int) Math.min(Integer.MAX_VALUE, k))
                .bind(d -> d.schedule().steps(),
                        (d, k) -> d.schedule(d.schedule().type(), d.schedule().finalLearningRate(), k));
    }

    /** A binding of a field named by {@code path} in the validator's violations (see {@link BoundFields}). */
    private <V> Binder.BindingBuilder<Draft, V> bind(HasValue<?, V> field, String path, String words) {
        return fields.bind(field, path, words);
    }

    private static String halfAStart() {
        return "enter a number, or clear both for the problem's start";
    }

    /** True when the card's algorithm reads that hyper-parameter (its field is shown). */
    private boolean reads(Hyper h) {
        return algorithm.getValue() != null && algorithm.getValue().uses(h);
    }

    /** A default as the student would type it: 0.001, 1e-8. */
    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toString().toLowerCase();
    }

    private static Button shortcut(String text, Runnable action) {
        Button b = new Button(text, e -> action.run());
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
        return b;
    }

    /** Sets every hyper-parameter to the algorithm's default (the lecture's, where it gives one). */
    private void applyDefaults(Algorithm a) {
        edited.clear();
        quietly(() -> {
            biasCorrection.setValue(true);
            for (Hyper h : Hyper.values()) {
                hypers.get(h).setValue(a != null && a.uses(h) ? KindDefaults.value(a, h, Boolean.TRUE.equals(dataset))
                        : null);
            }
        });
    }

    /**
     * The kind of problem changed (a function and a dataset, either way): every hyper-parameter the student has not
     * typed moves to that kind's default ({@link KindDefaults}); typed ones stay. The first call only records the kind
     * (a card filled from a document or preset keeps its values).
     */
    public void setProblemKind(boolean data) {
        if (dataset != null && dataset != data && algorithm.getValue() != null) {
            Algorithm a = algorithm.getValue();
            quietly(() -> {
                for (Hyper h : Hyper.values()) {
                    if (a.uses(h) && !edited.contains(h)) {
                        hypers.get(h).setValue(KindDefaults.value(a, h, data));
                    }
                }
            });
        }
        dataset = data;
    }

    /** Fills the fields from the draft. */
    private void read(Draft d) {
        fields.read(d);
        updateVisibility();
    }

    /** Sets fields of the card as one edit: one {@link ChangeEvent} at the end, if anything changed. */
    private void quietly(Runnable edit) {
        quiet++;
        try {
            edit.run();
        } finally {
            quiet--;
        }
        if (quiet == 0 && changedQuietly) {
            changedQuietly = false;
            fireChange();
        }
    }

    private void updateVisibility() {
        Algorithm a = algorithm.getValue();
        for (Hyper h : Hyper.values()) {
            hypers.get(h).setVisible(reads(h));
        }
        biasCorrection.setVisible(a == Algorithm.ADAM);
        boolean hasEpsilon = a != null && a.uses(Hyper.LEARNING_RATE);
        schedule.setVisible(hasEpsilon);
        boolean linear = hasEpsilon && schedule.getValue() == ScheduleType.LINEAR;
        boolean decays = hasEpsilon && schedule.getValue() != null && schedule.getValue().decays();
        finalLearningRate.setVisible(linear);
        tau.setVisible(decays);
        noise.setVisible(trainingSize == 0); // on datasets the minibatches are the noise
        startX.setVisible(trainingSize == 0); // a model starts from its initialisation
        startY.setVisible(trainingSize == 0);
        boolean batchVisible = trainingSize > 0 && a != null && !a.secondOrder();
        batchSize.setVisible(batchVisible);
        batchShortcuts.setVisible(batchVisible);
        box.setText(a == null ? "" : "Algorithm " + a.lecture() + " box");
        schedule.setHelperText(robbinsMonro(schedule.getValue(), a, gradientNoise()));
    }

    /**
     * What makes this card's gradients noisy, in the lecture's words, or null when they are exact (§8.3.1: the
     * minibatch gradient's noise does not vanish at the minimum, the true gradient of batch gradient descent does).
     * On a dataset, minibatches of m &lt; n examples; on a 2-D function, the card's σ, else the problem's, if above 0.
     */
    private Noise gradientNoise() {
        if (trainingSize > 0) {
            Integer m = batchSize.getValue();
            return m != null && m >= trainingSize ? new Noise(null, "m = n")
                    : new Noise("minibatch noise (m < n)", null);
        }
        Double sigma = noise.getValue() != null ? noise.getValue() : problemNoise;
        return sigma != null && sigma > 0 ? new Noise("noise σ = " + number(sigma), null) : new Noise(null, "σ = 0");
    }

    /** A card's gradients: {@code noisy} says what makes them noisy (null: exact), {@code exact} why they are exact. */
    record Noise(String noisy, String exact) {
    }

    /** The problem's gradient noise σ on a 2-D function (null or 0: exact gradients), where the card's σ is empty. */
    public void setProblemNoise(Double sigma) {
        problemNoise = sigma;
        updateVisibility();
    }

    /** Shows batch size controls for a dataset with {@code trainingSize} training examples (0: a 2-D function). */
    public void setDataMode(boolean data, int trainingSize) {
        this.trainingSize = data ? Math.max(1, trainingSize) : 0;
        if (data && batchSize.getValue() == null) {
            batchSize.setValue(Math.min(32, this.trainingSize));
        }
        updateVisibility();
    }

    /**
     * The card's optimizer as it goes into the document: what the binder wrote, without what the card hides (the
     * hyper-parameters the algorithm does not read, a constant schedule, batch size on a function, σ and θ₀ on data).
     */
    public OptimizerSpec spec() {
        OptimizerSpec o = draft.optimizer;
        Algorithm a = o.algorithm();
        if (a == null) {
            return OptimizerSpec.of(o.label(), null);
        }
        for (Hyper h : Hyper.values()) {
            if (!a.uses(h)) {
                o = o.with(h, null);
            }
        }
        ScheduleType type = draft.schedule().type();
        ScheduleSpec s = a.uses(Hyper.LEARNING_RATE) && type != null && type.decays()
                ? new ScheduleSpec(type, type == ScheduleType.LINEAR ? draft.schedule().finalLearningRate() : null,
                        draft.schedule().steps())
                : null;
        boolean function = trainingSize == 0;
        return o.withSchedule(s)
                .withBatchSize(!function && !a.secondOrder() ? o.batchSize() : null)
                .withBiasCorrection(a == Algorithm.ADAM && Boolean.FALSE.equals(o.biasCorrection()) ? Boolean.FALSE : null)
                .withGradientNoise(function ? o.gradientNoise() : null)
                .withStart(function && draft.startX != null && draft.startY != null
                        ? new double[] {draft.startX, draft.startY} : null);
    }

    /** Fills the card from a document's optimizer (one {@link ChangeEvent}). */
    public void setSpec(OptimizerSpec o) {
        Integer shownBatch = batchSize.getValue();
        dataset = null;
        draft = new Draft(o.batchSize() == null ? o.withBatchSize(shownBatch) : o);
        quietly(() -> {
            read(draft);
            fireChange(); // one edit
        });
        updateVisibility();
    }

    public Algorithm algorithm() {
        return algorithm.getValue();
    }

    public String color() {
        return color.getValue();
    }

    public boolean isEnabled() {
        return enabled.getValue();
    }

    public void setEnabledOptimizer(boolean on) {
        enabled.setValue(on);
    }

    /** Clears every validation mark on the card. */
    void clearErrors() {
        fields.clearErrors();
    }

    /**
     * How a schedule stands to the Robbins–Monro conditions Σ ε_k = ∞ and Σ ε_k² &lt; ∞ (§8.3.1) for this card's
     * algorithm and gradients. Σε² = ∞ leaves a floor only where the gradient is noisy: with exact gradients a constant
     * ε may converge. RMSProp's and Adam's per-parameter scaling does not remove that floor (their r is a moving
     * average); AdaGrad's r only grows, so its steps shrink like 1/√k under noise.
     */
    static String robbinsMonro(ScheduleType schedule, Algorithm a, Noise gradients) {
        ScheduleType type = schedule == null ? ScheduleType.CONSTANT : schedule;
        String name = a == null ? "SGD" : switch (a) {
            case ADAGRAD -> "AdaGrad";
            case RMSPROP, RMSPROP_NESTEROV -> "RMSProp";
            case ADAM -> "Adam";
            default -> "SGD";
        };
        String noisy = gradients.noisy();
        return switch (type) {
            case INVERSE -> "Σε = ∞ and Σε² < ∞: meets the Robbins–Monro conditions";
            case EXPONENTIAL -> "Σε < ∞: the steps add up to a finite distance and may stop short";
            case LINEAR -> noisy == null
                    ? "§8.3.1: constant ε_τ after τ steps; exact gradients (" + gradients.exact() + "): it can converge"
                    : a == Algorithm.ADAGRAD
                    ? "ε_τ after τ steps; with " + noisy + " AdaGrad's growing r shrinks its steps"
                    : "§8.3.1: constant ε_τ after τ steps, so Σε² = ∞: a small noise floor remains";
            case CONSTANT -> noisy == null
                    ? gradients.exact()
                            + ": exact gradients; a constant ε can converge (Σε² = ∞ matters only with noise)"
                    : a == Algorithm.ADAGRAD
                    ? "Σε² = ∞, but with " + noisy + " AdaGrad's growing r shrinks its steps (≈ 1/√k)"
                    : name.equals("SGD") ? "Σε² = ∞: with " + noisy + ", SGD keeps bouncing at a floor"
                    : "Σε² = ∞: " + noisy + " leaves " + name + " a floor; its scaling can't remove it";
        };
    }

    /** A hyper-parameter as the lecture says it: "learning rate ε", "decay rate ρ". */
    static String words(Hyper h) {
        return h.words() + " " + h.symbol();
    }

    /** What the student reads for a field of this card named by its path below the optimizer, e.g. "learning rate ε". */
    String fieldWords(String field) {
        return fields.words(field);
    }

    /** How messages name this card: its label, else its algorithm and number ("optimizer 2 (adam)"). */
    String displayName(int index) {
        String text = label.getValue() == null ? "" : label.getValue().trim();
        if (!text.isEmpty()) {
            return text;
        }
        return "optimizer " + (index + 1) + (algorithm.getValue() == null ? "" : " (" + algorithm.getValue().id() + ")");
    }

    /** The shown fields of this card the binder finds empty or not a number, each with what is wrong and what to do. */
    Map<HasValidation, String> blankFields() {
        return algorithm.getValue() == null ? Map.of() : fields.blankFields();
    }

    /** Shows a validator's message at the field its path below the optimizer names; false when the card has no such field. */
    boolean showError(String field, String message) {
        return fields.showError(field, message);
    }

    /** The run's status line on the card. */
    public void setStatus(String text, boolean bad) {
        if (text.equals(status.getText()) && bad == statusBad) {
            return; // setText replaces the text node: unchanged text would still go to the browser
        }
        statusBad = bad;
        status.setText(text);
        status.getStyle().set("color", bad ? "var(--lumo-error-text-color)" : "var(--lumo-secondary-text-color)");
    }

    /** Locks the card while its experiment runs. */
    public void setEditable(boolean editable) {
        fields.binder.getFields().forEach(f -> ((HasEnabled) f).setEnabled(editable));
        for (HasEnabled c : new HasEnabled[] {batchShortcuts, enabled, color}) {
            c.setEnabled(editable);
        }
    }

    /** Any edit of the card. */
    public static class ChangeEvent extends ComponentEvent<OptimizerCard> {
        public ChangeEvent(OptimizerCard source) {
            super(source, false);
        }
    }

    /** The student asks for a copy of the card. */
    public static class DuplicateEvent extends ComponentEvent<OptimizerCard> {
        public DuplicateEvent(OptimizerCard source) {
            super(source, true);
        }
    }

    /** The student removes the card. */
    public static class RemoveEvent extends ComponentEvent<OptimizerCard> {
        public RemoveEvent(OptimizerCard source) {
            super(source, true);
        }
    }

    /** The student wants to look inside this card's optimizer. */
    public static class InsideEvent extends ComponentEvent<OptimizerCard> {
        public InsideEvent(OptimizerCard source) {
            super(source, true);
        }
    }

    public Registration addInsideListener(ComponentEventListener<InsideEvent> l) {
        return addListener(InsideEvent.class, l);
    }

    private void fireChange() {
        if (quiet > 0) {
            changedQuietly = true;
            return;
        }
        fireEvent(new ChangeEvent(this));
    }

    public Registration addChangeListener(ComponentEventListener<ChangeEvent> l) {
        return addListener(ChangeEvent.class, l);
    }

    public Registration addDuplicateListener(ComponentEventListener<DuplicateEvent> l) {
        return addListener(DuplicateEvent.class, l);
    }

    public Registration addRemoveListener(ComponentEventListener<RemoveEvent> l) {
        return addListener(RemoveEvent.class, l);
    }
}
