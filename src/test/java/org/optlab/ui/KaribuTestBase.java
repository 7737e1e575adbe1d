package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.optlab.ui.chart.ApexChart;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Browserless view tests (Karibu): a mocked Vaadin session on the Spring context, with the app's routes, per test.
 *
 * <p>Tests read the page as a student sees it: components by their id, label or text (Karibu's locators, which see
 * only what is visible), what the server sent to the charts through {@link #sent}, and the tab's experiment and live
 * run through {@link LabView#session()}.
 */
abstract class KaribuTestBase {

    private static final Routes ROUTES = new Routes().autoDiscoverViews("org.optlab.ui");

    @Autowired
    ApplicationContext context;

    /** The JavaScript calls sent to the browser in this test. */
    final SentToBrowser sent = new SentToBrowser();

    @BeforeEach
    void setUpVaadin() {
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
        sent.start();
    }

    @AfterEach
    void tearDownVaadin() {
        sent.stop();
        MockVaadin.tearDown();
    }

    /** Opens the lab in the mocked browser tab. */
    static LabView openLab() {
        UI.getCurrent().navigate(LabView.class);
        return (LabView) UI.getCurrent().getCurrentView();
    }

    /** The one visible component of this type with this id. */
    static <T extends Component> T byId(Class<T> type, String id) {
        return LocatorJ._get(type, spec -> spec.withId(id));
    }

    static Button button(String id) {
        return byId(Button.class, id);
    }

    /** A select by its id: "problem-kind", "function", "speed", "lessons", "x-axis", "regions-of". */
    @SuppressWarnings("unchecked")
    static <V> Select<V> select(String id) {
        return byId(Select.class, id);
    }

    /** The step budget of the run controls. */
    static IntegerField stepsField() {
        return byId(IntegerField.class, "steps");
    }

    /** The run controls' status line ("running", "waiting for a worker: ..."). */
    static String runStatus() {
        return byId(Span.class, "run-status").getText();
    }

    /** Every problem of the form, listed under the run controls (empty when there is none). */
    static String formErrors() {
        return byId(Div.class, "form-errors").getText();
    }

    /** A valid form as the student sees it: nothing listed under the controls, and Start can be pressed. */
    static void assertValid(String what) {
        assertEquals("", formErrors(), what);
        assertTrue(button("start").isEnabled(), what + ": Start is enabled");
    }

    /** An invalid form as the student sees it: its problems listed under the controls, and Start disabled. */
    static void assertInvalid(String what) {
        assertFalse(formErrors().isEmpty(), what + ": the problems are listed");
        assertFalse(button("start").isEnabled(), what + ": Start is disabled");
    }

    static ApexChart chart(String id) {
        return byId(ApexChart.class, id);
    }

    /** The optimizer cards, in the order the page shows them. */
    static List<OptimizerCard> cards() {
        return LocatorJ._find(OptimizerCard.class);
    }

    /** A number field of a card by the words on it ("learning rate ε", "decay rate ρ₁", "small constant δ"). */
    static NumberField field(OptimizerCard card, String label) {
        return LocatorJ._get(card, NumberField.class, spec -> spec.withLabel(label));
    }

    static IntegerField batchSizeField(OptimizerCard card) {
        return LocatorJ._get(card, IntegerField.class, spec -> spec.withLabel("Batch size m"));
    }

    /** A card's button by its text ("Duplicate", "Remove"). */
    static Button cardButton(OptimizerCard card, String text) {
        return LocatorJ._get(card, Button.class, spec -> spec.withText(text));
    }

    /** The status line of a card's run. */
    static String cardStatus(OptimizerCard card) {
        return LocatorJ._get(card, Span.class, spec -> spec.withClasses("run-status")).getText();
    }

    /** The colour a card's run is drawn in, as its colour picker shows it. */
    static String colour(OptimizerCard card) {
        return LocatorJ._get(card, Input.class, spec -> spec.withAttribute("aria-label", "Colour")).getValue();
    }
}
