package org.optlab.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.textfield.AbstractNumberField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.BindingValidationStatus;
import com.vaadin.flow.data.binder.HasValidator;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import com.vaadin.flow.data.binder.ValueContext;
import com.vaadin.flow.function.SerializableSupplier;
import com.vaadin.flow.shared.Registration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A form's fields bound with Vaadin's {@link Binder} to the part of the typed experiment they edit, each under the path
 * the validator's violations name it by ({@code learningRate}, {@code schedule.steps}, {@code steps}) and with the
 * student's words for it. The binder checks only what the document cannot hold: a shown field left empty, or holding
 * text that is not a number ({@link #filled}); every range is the validator's. It marks nothing itself: the lab marks
 * every problem of the form at once, in the student's words and named by the card ({@code LabView.showProblems}),
 * through {@link #blankFields} and {@link #showError}.
 *
 * @param <B> what the fields edit
 */
final class BoundFields<B> {

    final Binder<B> binder = new Binder<>();
    private final Map<String, HasValidation> fieldAt = new HashMap<>();
    private final Map<String, String> wordsAt = new HashMap<>();
    /** What the fields edit, once read. */
    private B bean;
    /** True while the binder fills the fields from the bean (nothing is written back meanwhile). */
    private boolean reading;

    BoundFields() {
        // a field's min and max only bound its step buttons: every range is the validator's
        binder.setDefaultValidatorsEnabled(false);
    }

    /** Fills the fields from {@code edited}, which every later edit then writes. */
    void read(B edited) {
        bean = edited;
        reading = true;
        try {
            binder.readBean(edited);
        } finally {
            reading = false;
        }
    }

    /**
     * Calls {@code edit} after each edit of a field, once the bean has it. Every field is written as it stands, an empty
     * one too (null: the document's default), so that the bean is what the form shows and a field waiting to be filled
     * in holds no other edit back (the binder's setBean writes nothing while any field is invalid).
     */
    Registration addEditListener(HasValue.ValueChangeListener<? super HasValue.ValueChangeEvent<?>> edit) {
        return binder.addValueChangeListener(e -> {
            if (!reading) {
                binder.writeBeanAsDraft(bean, true);
                edit.valueChanged(e);
            }
        });
    }

    /**
     * Calls {@code typed} when a number field's text changes while it holds no number (empty to "1e", "1e" to "--",
     * "1e" to empty): no value changes then, but whether the field is empty or not a number does.
     */
    void addUnreadableTextListener(Runnable typed) {
        binder.getFields().forEach(f -> whileUnreadable(f, typed));
    }

    /** Calls {@code typed} when the number field's text changes while it holds no number (nothing for other fields). */
    static void whileUnreadable(HasValue<?, ?> field, Runnable typed) {
        if (field instanceof AbstractNumberField<?, ?> number) {
            // Vaadin's number field tells its validators when it gets text it cannot read ("unparsable-change")
            ((HasValidator<?>) number).addValidationStatusChangeListener(e -> typed.run());
        }
    }

    /** Starts the binding of a field named by {@code path} in violations and by {@code words} to the student. */
    <V> Binder.BindingBuilder<B, V> bind(HasValue<?, V> field, String path, String words) {
        if (field instanceof HasValidation v) {
            fieldAt.put(path, v);
        }
        wordsAt.put(path, words);
        return binder.forField(field).withValidationStatusHandler(status -> { });
    }

    /** Another path that names a bound field ({@code start[0]} for the start's x). */
    void alias(String path, HasValidation field, String words) {
        fieldAt.put(path, field);
        wordsAt.put(path, words);
    }

    /** The student's words for the field a path names ("learning rate ε"), or the path itself. */
    String words(String path) {
        return wordsAt.getOrDefault(path, path);
    }

    /**
     * A field that must be filled in while {@code needed} (shown, say), named by {@code words}, with {@code advice}
     * ("enter a number") after what is wrong ({@link #blank}). The lab holds Start back while any field has one
     * ({@link #blankFields}).
     */
    static <V> Validator<V> filled(SerializableSupplier<Boolean> needed, String words,
            SerializableSupplier<String> advice) {
        return (value, context) -> value != null || !needed.get() ? ValidationResult.ok()
                : ValidationResult.error(blank(context.getHasValue().orElse(null), words, advice.get()));
    }

    /**
     * What is wrong with a field that holds no value, in the student's words: "learning rate ε is empty: enter a
     * number", or "learning rate ε is not a number: …" when the student typed text the number field cannot read.
     */
    static String blank(HasValue<?, ?> field, String words, String advice) {
        return words + (notANumber(field) ? " is not a number: " : " is empty: ") + advice;
    }

    /**
     * True when a number field holds text it cannot read ("1e", "--1"; letters where the browser keeps them): its value
     * is then empty, and Vaadin's own check of the field (its default validator, which the binders here leave off for
     * the ranges) reports the text as bad input; for an empty value nothing else of that check can fail.
     */
    static boolean notANumber(HasValue<?, ?> field) {
        return field instanceof AbstractNumberField<?, ?> number && number.isEmpty()
                && number.getDefaultValidator().apply(null, new ValueContext(number, number)).isError();
    }

    /** The fields the binder finds empty or not a number, each with what is wrong and what to do about it. */
    Map<HasValidation, String> blankFields() {
        Map<HasValidation, String> blank = new LinkedHashMap<>();
        for (BindingValidationStatus<?> s : binder.validate().getFieldValidationErrors()) {
            blank.put((HasValidation) s.getField(), s.getMessage().orElse(""));
        }
        return blank;
    }

    /** Shows a validator's message at the field a path names; false when there is no such field. */
    boolean showError(String path, String message) {
        HasValidation target = fieldAt.get(path);
        if (target == null) {
            return false;
        }
        target.setErrorMessage(message);
        target.setInvalid(true);
        return true;
    }

    /** Clears every mark. */
    void clearErrors() {
        for (HasValidation f : fieldAt.values()) {
            f.setInvalid(false);
        }
    }
}
