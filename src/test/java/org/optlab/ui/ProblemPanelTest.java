package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.engine.model.Activation;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.ModelSpec;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.FunctionSpec;
import org.optlab.experiment.Init;
import org.optlab.experiment.ModelType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The problem form (Karibu): what the student types is the document's problem, of the kind the form shows, and each
 * violation of the document is shown at the field its path names; a document opened in the lab is what the form shows.
 */
@SpringBootTest
@TestPropertySource(properties = "optlab.push-millis=3600000")
class ProblemPanelTest extends KaribuTestBase {

    LabView view;

    @BeforeEach
    void setUp() {
        view = openLab();
    }

    /** The problem of the experiment the tab's form describes, as its session holds it. */
    Object problem() {
        return view.session().document().problem();
    }

    static NumberField number(String label) {
        return LocatorJ._get(NumberField.class, spec -> spec.withLabel(label));
    }

    static IntegerField integer(String label) {
        return LocatorJ._get(IntegerField.class, spec -> spec.withLabel(label));
    }

    @Test
    void whatIsTypedInTheFunctionsFieldsIsTheDocumentsFunctionAndItsViolationShowsAtItsField() {
        select("function").setValue("quadratic");
        FunctionSpec f = assertInstanceOf(FunctionSpec.class, problem());
        assertEquals("quadratic", f.function());
        assertArrayEquals(new double[] {1, 0}, f.a()[0]);
        assertArrayEquals(new double[] {0, 10}, f.a()[1], "A = diag(1, 10) until A₂₂ is typed");
        HasValueUtilsKt._setValue(number("A₂₂"), 20.0);
        HasValueUtilsKt._setValue(number("Start x"), 1.5);
        f = (FunctionSpec) problem();
        assertEquals(20.0, f.a()[1][1]);
        assertEquals(1.5, f.start()[0]);
        assertValid("a quadratic with A = diag(1, 20)");

        NumberField sigma = number("Gradient noise σ");
        HasValueUtilsKt._setValue(sigma, -1.0);
        assertEquals(-1.0, ((FunctionSpec) problem()).gradientNoise(), "the document has what was typed");
        assertTrue(sigma.isInvalid(), "and the field is marked");
        assertEquals("Gradient noise σ must be in [0, 1000000], got -1", sigma.getErrorMessage());
        assertInvalid("a negative σ");
        HasValueUtilsKt._setValue(sigma, 0.5);
        assertFalse(sigma.isInvalid());
        assertEquals(0.5, ((FunctionSpec) problem()).gradientNoise());
        assertValid("σ = 0.5");
    }

    @Test
    void whatIsTypedInTheDatasetsFieldsIsTheDocumentsDatasetAndItsViolationsShowAtTheirFields() {
        select("problem-kind").setValue(ProblemPanel.Kind.TOY);
        DatasetSpec d = assertInstanceOf(DatasetSpec.class, problem(), "a toy dataset is a dataset problem");
        assertEquals("moons", d.dataset());
        assertEquals(500, d.n());
        IntegerField n = integer("Points n");
        HasValueUtilsKt._setValue(n, 5);
        assertEquals(5, ((DatasetSpec) problem()).n());
        assertTrue(n.isInvalid());
        assertEquals("Points n must be between 10 and 100000, got 5", n.getErrorMessage());
        assertInvalid("5 points");
        HasValueUtilsKt._setValue(n, 200);
        assertFalse(n.isInvalid());
        assertEquals(200, ((DatasetSpec) problem()).n());

        TextField hidden = LocatorJ._get(TextField.class, spec -> spec.withLabel("Hidden layers"));
        HasValueUtilsKt._setValue(hidden, "8, 0");
        assertArrayEquals(new int[] {8, 0}, ((DatasetSpec) problem()).model().hidden());
        assertTrue(hidden.isInvalid(), "hidden[1] is marked at the hidden layers' field");
        assertTrue(hidden.getErrorMessage().startsWith("Hidden layers ") && hidden.getErrorMessage()
                .contains("must be an integer between 1 and 1024, got 0"), hidden.getErrorMessage());
        HasValueUtilsKt._setValue(hidden, "8");
        assertValid("one hidden layer of 8");

        select("problem-kind").setValue(ProblemPanel.Kind.FUNCTION);
        assertInstanceOf(FunctionSpec.class, problem(), "back to the function");
        select("problem-kind").setValue(ProblemPanel.Kind.TOY);
        d = (DatasetSpec) problem();
        assertEquals(200, d.n(), "what was typed for the dataset is kept while the function is shown");
        assertArrayEquals(new int[] {8}, d.model().hidden());
    }

    @Test
    void aDocumentOpenedInTheLabIsWhatTheFormShowsAndGivesBack() {
        DatasetSpec opened = new DatasetSpec("blobs", 300, 0.5, null, 4, 9L, 1000, null, null, 0.3,
                new ModelSpec(ModelType.MLP, new int[] {12, 6}, Activation.RELU, Init.ZEROS, 0.01));
        view.setDocument(new ExperimentDocument(1, null, 7L, 100, null, opened,
                List.of(OptimizerSpec.of("GD", Algorithm.SGD)), null, null));
        assertEquals(300, integer("Points n").getValue());
        assertEquals(4, integer("Blobs (classes)").getValue());
        assertEquals(9, integer("Data seed").getValue(), "the data's own seed is shown, not dropped");
        assertEquals(1000, integer("Fresh test points (J*)").getValue());
        assertEquals(0.3, number("Validation fraction").getValue());
        assertEquals("12, 6", LocatorJ._get(TextField.class, spec -> spec.withLabel("Hidden layers")).getValue());
        DatasetSpec back = assertInstanceOf(DatasetSpec.class, problem());
        assertEquals(List.of("blobs", 300, 0.5, 4, 9L, 1000, 0.3), List.of(back.dataset(), back.n(), back.noise(),
                back.classes(), back.seed(), back.testPoints(), back.validationFraction()));
        assertNull(back.arms(), "spiral arms are the spirals' only");
        assertArrayEquals(new int[] {12, 6}, back.model().hidden());
        assertEquals(List.of(ModelType.MLP, Activation.RELU, Init.ZEROS, 0.01), List.of(back.model().type(),
                back.model().activation(), back.model().init(), back.model().weightDecay()));

        view.setDocument(new ExperimentDocument(1, null, 7L, 100, null, new FunctionSpec("quadratic",
                new double[][] {{2, 1}, {1, 3}}, new double[] {1, -1}, null, 0.25),
                List.of(OptimizerSpec.of("GD", Algorithm.SGD)), null, null));
        assertEquals(1.0, number("A₁₂ = A₂₁").getValue());
        FunctionSpec f = assertInstanceOf(FunctionSpec.class, problem());
        assertArrayEquals(new double[] {1, 3}, f.a()[1]);
        assertArrayEquals(new double[] {1, -1}, f.b());
        assertEquals(0.25, f.gradientNoise());
        assertArrayEquals(org.optlab.engine.function.TestFunctions.byId("quadratic").defaultStart(), f.start(),
                "no start given: the form's start is the function's listed default");
    }

    @Test
    void anUploadsTargetAndTaskAreTheDocumentsAndItsSummaryFollowsThem() {
        String csv = "a,b,y\n0,0.5,0\n1,1.5,1\n0,0.7,0\n1,1.1,1\n2,2.5,1\n0,0.9,0\n2,2.1,1\n3,3.5,1\n0,1.2,0\n3,3.1,1\n";
        String ref = context.getBean(org.optlab.lab.UploadStore.class)
                .put(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        view.setDocument(new ExperimentDocument(1, null, 1L, 20, null, new DatasetSpec(ref, null, null, null, null, null,
                null, "y", org.optlab.dataset.CsvImport.Task.CLASSIFICATION, null, ModelSpec.of(ModelType.LOGISTIC)),
                List.of(OptimizerSpec.of("GD", Algorithm.SGD)), null, null));
        assertEquals(ProblemPanel.Kind.UPLOAD, select("problem-kind").getValue());
        com.vaadin.flow.component.html.Span info = LocatorJ._get(com.vaadin.flow.component.html.Span.class,
                spec -> spec.withClasses("upload-info"));
        assertTrue(info.getText().contains("2 classes"), info.getText());
        assertEquals("y", ((DatasetSpec) problem()).target());
        // the student picks column b as the target and regression as the task
        HasValueUtilsKt._setValue(LocatorJ._get(Select.class, spec -> spec.withLabel("Target column")), "b");
        HasValueUtilsKt._setValue(LocatorJ._get(Select.class, spec -> spec.withLabel("Task")),
                org.optlab.dataset.CsvImport.Task.REGRESSION);
        DatasetSpec d = (DatasetSpec) problem();
        assertEquals(List.of(ref, "b", org.optlab.dataset.CsvImport.Task.REGRESSION), List.of(d.dataset(), d.target(),
                d.task()));
        assertTrue(info.getText().endsWith("regression target b"), "the summary is the chosen target's: "
                + info.getText());
    }
}
