package org.optlab.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
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
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import com.vaadin.flow.shared.Registration;
import java.util.EnumMap;
import java.util.Map;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ScheduleType;
import org.optlab.experiment.ExperimentDocument.ScheduleSpec;

/**
 * One optimizer's configuration: algorithm, its hyper-parameters with the lecture's symbols and defaults, batch size m
 * (with shortcuts batch / minibatch / SGD), learning-rate schedule, colour, and the lecture's algorithm box one click away.
 * It fires a {@link ChangeEvent} on every edit, a {@link DuplicateEvent} and a {@link RemoveEvent}.
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

    public OptimizerCard(Algorithm initial, String initialColor) {
        addClassName("optimizer-card");
        getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("width", "250px")
                .set("box-sizing", "border-box").set("background", "var(--lumo-base-color)");

        algorithm.setLabel("Algorithm");
        algorithm.setItems(Algorithm.values());
        algorithm.setItemLabelGenerator(a -> a.id() + " (" + a.lecture() + ")");
        algorithm.setWidthFull();
        label.setWidthFull();
        label.setMaxLength(60);
        label.setPlaceholder("e.g. GD, Adam ε=0.05");

        for (Hyper h : Hyper.values()) {
            NumberField f = new NumberField(words(h));
            f.setWidthFull();
            f.setStepButtonsVisible(false);
            f.getElement().setAttribute("data-hyper", h.key());
            f.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    edited.add(h);
                }
            });
            hypers.put(h, f);
        }
        batchSize.setWidthFull();
        batchSize.setMin(1);
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
        // the Robbins–Monro conditions (Σ ε_k = ∞, Σ ε_k² < ∞) under which SGD converges, stated where it is chosen
        schedule.setHelperText(robbinsMonro(ScheduleType.CONSTANT));
        schedule.addValueChangeListener(e -> schedule.setHelperText(robbinsMonro(e.getValue())));
        schedule.setValue(ScheduleType.CONSTANT);
        schedule.setWidthFull();
        finalLearningRate.setWidthFull();
        tau.setWidthFull();

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
        body.add(biasCorrection, clipNorm, noise, start, batchSize, batchShortcuts, schedule, finalLearningRate, tau, new HorizontalLayout(duplicate, remove, look), status);
        body.setPadding(false);
        body.setSpacing(false);
        add(body);

        algorithm.addValueChangeListener(e -> {
            if (e.isFromClient() || e.getOldValue() != null) {
                applyDefaults(e.getValue());
            }
            updateVisibility();
            fireChange();
        });
        algorithm.setValue(initial);
        applyDefaults(initial);
        schedule.addValueChangeListener(e -> {
            updateVisibility();
            fireChange();
        });
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
        noise.setMin(0);
        noise.getElement().setAttribute("data-hyper", "gradientNoise");
        for (NumberField f : new NumberField[] {startX, startY}) {
            f.setPlaceholder("the problem's");
            f.setStepButtonsVisible(false);
            f.setWidth("50%");
            f.addThemeVariants(TextFieldVariant.LUMO_SMALL);
            f.getElement().setAttribute("data-hyper", "start");
        }
        startX.setHelperText("empty: the problem's θ₀");
        for (HasValue<?, ?> f : new HasValue<?, ?>[] {label, batchSize, finalLearningRate, tau, enabled, biasCorrection,
            clipNorm, noise, startX, startY}) {
            f.addValueChangeListener(e -> fireChange());
        }
        for (NumberField f : hypers.values()) {
            f.addValueChangeListener(e -> fireChange());
        }
        color.addValueChangeListener(e -> fireChange());
        label.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        batchSize.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        finalLearningRate.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        tau.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        for (NumberField f : hypers.values()) {
            f.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        }
        algorithm.addThemeVariants(com.vaadin.flow.component.select.SelectVariant.LUMO_SMALL);
        schedule.addThemeVariants(com.vaadin.flow.component.select.SelectVariant.LUMO_SMALL);
        setDataMode(false, 0);
        updateVisibility();
    }

    private static Button shortcut(String text, Runnable action) {
        Button b = new Button(text, e -> action.run());
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
        return b;
    }

    /** Sets every hyper-parameter to the algorithm's default (the lecture's, where it gives one). */
    private void applyDefaults(Algorithm a) {
        edited.clear();
        biasCorrection.setValue(true);
        for (Hyper h : Hyper.values()) {
            hypers.get(h).setValue(a.uses(h) ? KindDefaults.value(a, h, Boolean.TRUE.equals(dataset)) : null);
        }
    }

    /** Hyper-parameters the student typed on this card (kept when the kind of problem changes). */
    private final java.util.Set<Hyper> edited = java.util.EnumSet.noneOf(Hyper.class);
    /** The kind of problem the values were chosen for: true a dataset, false a function, null not known yet. */
    private Boolean dataset;

    /**
     * The kind of problem changed (a function and a dataset, either way): every hyper-parameter the student has not
     * typed moves to that kind's default ({@link KindDefaults}); typed ones stay. The first call only records the kind
     * (a card filled from a document or preset keeps its values).
     */
    public void setProblemKind(boolean data) {
        if (dataset != null && dataset != data && algorithm.getValue() != null) {
            Algorithm a = algorithm.getValue();
            for (Hyper h : Hyper.values()) {
                if (a.uses(h) && !edited.contains(h)) {
                    hypers.get(h).setValue(KindDefaults.value(a, h, data));
                }
            }
        }
        dataset = data;
    }

    private void updateVisibility() {
        Algorithm a = algorithm.getValue();
        for (Hyper h : Hyper.values()) {
            hypers.get(h).setVisible(a != null && a.uses(h));
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
    }

    /** Shows batch size controls for a dataset with {@code trainingSize} training examples (0: a 2-D function). */
    public void setDataMode(boolean data, int trainingSize) {
        this.trainingSize = data ? Math.max(1, trainingSize) : 0;
        if (data && batchSize.getValue() == null) {
            batchSize.setValue(Math.min(32, this.trainingSize));
        }
        updateVisibility();
    }

    /** The card's optimizer as it goes into the document. */
    public OptimizerSpec spec() {
        Algorithm a = algorithm.getValue();
        String text = label.getValue() == null || label.getValue().isBlank() ? null : label.getValue().trim();
        if (a == null) {
            return OptimizerSpec.of(text, null);
        }
        ScheduleSpec s = null;
        ScheduleType type = schedule.getValue();
        if (a.uses(Hyper.LEARNING_RATE) && type != null && type.decays()) {
            s = new ScheduleSpec(type, type == ScheduleType.LINEAR ? finalLearningRate.getValue() : null,
                    tau.getValue() == null ? null : tau.getValue().longValue());
        }
        OptimizerSpec o = OptimizerSpec.of(text, a);
        for (Hyper h : Hyper.values()) {
            o = o.with(h, a.uses(h) ? hypers.get(h).getValue() : null);
        }
        return o.withSchedule(s)
                .withBatchSize(trainingSize > 0 && !a.secondOrder() ? batchSize.getValue() : null)
                .withBiasCorrection(a == Algorithm.ADAM && !biasCorrection.getValue() ? Boolean.FALSE : null)
                .withClipNorm(clipNorm.getValue())
                .withGradientNoise(trainingSize == 0 ? noise.getValue() : null)
                .withStart(trainingSize == 0 && startX.getValue() != null && startY.getValue() != null
                        ? new double[] {startX.getValue(), startY.getValue()} : null);
    }

    /** Fills the card from a document's optimizer. */
    public void setSpec(OptimizerSpec o) {
        dataset = null;
        Algorithm a = o.algorithm();
        algorithm.setValue(a);
        label.setValue(o.label() == null ? "" : o.label());
        for (Hyper h : Hyper.values()) {
            Double v = o.hyper(h);
            hypers.get(h).setValue(v != null ? v : a.uses(h) ? a.defaultValue(h) : null);
        }
        if (o.schedule() != null && o.schedule().type().decays()) {
            schedule.setValue(o.schedule().type());
            finalLearningRate.setValue(o.schedule().finalLearningRate());
            tau.setValue(o.schedule().steps() == null ? null : o.schedule().steps().intValue());
        } else {
            schedule.setValue(ScheduleType.CONSTANT);
        }
        if (o.batchSize() != null) {
            batchSize.setValue(o.batchSize());
        }
        biasCorrection.setValue(!Boolean.FALSE.equals(o.biasCorrection()));
        clipNorm.setValue(o.clipNorm());
        noise.setValue(o.gradientNoise());
        startX.setValue(o.start() == null ? null : o.start()[0]);
        startY.setValue(o.start() == null ? null : o.start()[1]);
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
        for (NumberField f : hypers.values()) {
            f.setInvalid(false);
        }
        for (var f : new com.vaadin.flow.component.HasValidation[] {label, algorithm, batchSize, finalLearningRate, tau,
            startX, startY}) {
            f.setInvalid(false);
        }
    }

    /** Shows a validator message at the field it names; false when the card has no such field. */
    /** How a schedule stands to the Robbins–Monro conditions Σ ε_k = ∞ and Σ ε_k² &lt; ∞ (§8.3.1). */
    static String robbinsMonro(ScheduleType schedule) {
        return switch (schedule == null ? ScheduleType.CONSTANT : schedule) {
            case LINEAR -> "§8.3.1: constant ε_τ after τ steps, so Σε² = ∞: a small noise floor remains";
            case INVERSE -> "Σε = ∞ and Σε² < ∞: meets the Robbins–Monro conditions";
            case EXPONENTIAL -> "Σε < ∞: the steps add up to a finite distance and may stop short";
            case CONSTANT -> "Σε² = ∞: with noisy gradients SGD keeps bouncing at a floor";
        };
    }

    /** A hyper-parameter as the lecture says it: "learning rate ε", "decay rate ρ". */
    static String words(Hyper h) {
        return h.words() + " " + h.symbol();
    }

    /** What the student reads for a field of this card named by its document key, e.g. "learning rate ε". */
    String fieldWords(String field) {
        return switch (field) {
            case "clipNorm" -> "clipping threshold v";
            case "gradientNoise" -> "gradient noise σ";
            case "label" -> "label";
            case "algorithm" -> "algorithm";
            case "batchSize" -> "batch size m";
            case "schedule.finalLearningRate" -> "final learning rate ε_τ";
            case "schedule.steps" -> "τ (steps of the decay)";
            case "schedule" -> "learning-rate schedule";
            case "start", "start[0]", "start[1]" -> "start θ₀";
            default -> {
                for (Hyper h : Hyper.values()) {
                    if (h.key().equals(field)) {
                        yield words(h);
                    }
                }
                yield field;
            }
        };
    }

    /** How messages name this card: its label, else its algorithm and number ("optimizer 2 (adam)"). */
    String displayName(int index) {
        String text = label.getValue() == null ? "" : label.getValue().trim();
        if (!text.isEmpty()) {
            return text;
        }
        return "optimizer " + (index + 1) + (algorithm.getValue() == null ? "" : " (" + algorithm.getValue().id() + ")");
    }

    /** The shown number fields of this card that are empty, with the words for each. */
    java.util.Map<HasValidation, String> blankFields() {
        java.util.Map<HasValidation, String> blank = new java.util.LinkedHashMap<>();
        Algorithm a = algorithm.getValue();
        if (a == null) {
            return blank;
        }
        for (Hyper h : Hyper.values()) {
            if (a.uses(h) && hypers.get(h).isEmpty()) {
                blank.put(hypers.get(h), words(h) + " is empty or not a number: enter a number (the lecture's default is "
                        + java.math.BigDecimal.valueOf(a.defaultValue(h)).stripTrailingZeros().toString().toLowerCase() + ")");
            }
        }
        if (batchSize.isVisible() && batchSize.isEmpty()) {
            blank.put(batchSize, "batch size m is empty or not a number: enter a number of examples");
        }
        if (finalLearningRate.isVisible() && finalLearningRate.isEmpty()) {
            blank.put(finalLearningRate, "final learning rate ε_τ is empty or not a number: enter a number");
        }
        if (tau.isVisible() && tau.isEmpty()) {
            blank.put(tau, "τ is empty or not a number: enter a number of steps");
        }
        if (startX.isVisible() && startX.isEmpty() != startY.isEmpty()) {
            NumberField half = startX.isEmpty() ? startX : startY;
            blank.put(half, half.getLabel() + " is empty or not a number: enter a number, or clear both for the"
                    + " problem's start");
        }
        return blank;
    }

    boolean showError(String field, String message) {
        com.vaadin.flow.component.HasValidation target = switch (field) {
            case "label" -> label;
            case "algorithm" -> algorithm;
            case "batchSize" -> batchSize;
            case "schedule.finalLearningRate" -> finalLearningRate;
            case "schedule.steps" -> tau;
            case "start", "start[0]" -> startX;
            case "start[1]" -> startY;
            default -> {
                Hyper h = null;
                for (Hyper x : Hyper.values()) {
                    if (x.key().equals(field)) {
                        h = x;
                    }
                }
                yield h == null ? null : hypers.get(h);
            }
        };
        if (target == null) {
            return false;
        }
        target.setErrorMessage(message);
        target.setInvalid(true);
        return true;
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

    private boolean statusBad;

    /** Locks the card while its experiment runs. */
    public void setEditable(boolean editable) {
        for (Component c : new Component[] {label, algorithm, batchSize, batchShortcuts, schedule, finalLearningRate, tau,
            enabled, startX, startY}) {
            ((com.vaadin.flow.component.HasEnabled) c).setEnabled(editable);
        }
        for (NumberField f : hypers.values()) {
            f.setEnabled(editable);
        }
        color.setEnabled(editable);
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
