package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.lab.LiveExperiment.State;
import org.optlab.ui.chart.ApexChart;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/** "Inside the optimizer": the chosen card's state, one chart per quantity of its box, drawn along the run. */
@SpringBootTest
@TestPropertySource(properties = "optlab.push-millis=3600000")
class InsidePanelTest extends KaribuTestBase {

    LabView view;

    @BeforeEach
    void setUp() {
        view = openLab();
    }

    /** The inside panel's charts, by the symbol each one draws, in the page's order. */
    private static List<ApexChart> insideCharts() {
        Div grid = byId(Div.class, "inside-charts");
        return LocatorJ._find(grid, ApexChart.class);
    }

    private static String symbol(ApexChart c) {
        return c.getElement().getAttribute("data-symbol");
    }

    private static ApexChart insideChart(String symbol) {
        return insideCharts().stream().filter(c -> symbol.equals(symbol(c))).findFirst()
                .orElseThrow(() -> new AssertionError("no chart of " + symbol));
    }

    private void runToEnd() throws InterruptedException {
        LabViewTest.click(button("start"));
        for (int i = 0; i < 500 && view.session().live().state() != State.FINISHED; i++) {
            Thread.sleep(10);
        }
        view.refresh();
    }

    @Test
    void theChosenCardsStateIsDrawnAtEveryStepInItsColour() throws Exception {
        stepsField().setValue(300);
        byId(Checkbox.class, "inside-show").setValue(true);
        select("inside-of").setValue(2); // AdaGrad, the third card of the lecture's comparison
        runToEnd();
        assertEquals(List.of("g", "r", "ε/(δ+√r)", "ε_k"), insideCharts().stream().map(InsidePanelTest::symbol).toList(),
                "AdaGrad's box: the gradient, the accumulator, the effective rate, the learning rate");
        String colour = colour(cards().get(2));
        ApexChart rate = insideChart("ε/(δ+√r)");
        assertEquals(2, rate.series().size(), "one line per coordinate on a 2-D function");
        for (ApexChart.Series s : rate.series()) {
            assertEquals(colour, s.color(), "in the card's colour");
            assertEquals(300, s.data().size(), "every step from 1 to 300");
            double previous = Double.POSITIVE_INFINITY;
            for (double[] p : s.data()) {
                assertTrue(p[1] <= previous, "AdaGrad's effective rate never grows (step " + p[0] + ")");
                previous = p[1];
            }
        }
        // r is Σ g² of the g drawn beside it
        List<double[]> g = insideChart("g").series().get(0).data();
        double sum = 0;
        for (double[] p : g) {
            sum += p[1] * p[1];
        }
        List<double[]> r = insideChart("r").series().get(0).data();
        assertEquals(sum, r.get(r.size() - 1)[1], 1e-12 * sum);
        String numbers = LocatorJ._find(byId(Div.class, "inside-charts"), Span.class).get(2).getText();
        assertTrue(numbers.startsWith("step 300: ε/(δ+√r)₁ = "), numbers);
    }

    @Test
    void aCardsInsideButtonShowsThatCardAndRmsPropsRateStaysAboveAdaGrads() throws Exception {
        stepsField().setValue(300);
        cardButton(cards().get(2), "Inside").click();
        assertTrue(byId(Checkbox.class, "inside-show").getValue(), "the button turns the panel on");
        runToEnd();
        List<double[]> adagrad = insideChart("ε/(δ+√r)").series().get(0).data();
        cardButton(cards().get(3), "Inside").click();
        assertEquals(3, select("inside-of").getValue());
        assertFalse(insideCharts().stream().anyMatch(c -> symbol(c).equals("ε/(δ+√r)")), "AdaGrad's charts are gone");
        List<double[]> rmsprop = insideChart("ε/√(δ+r)").series().get(0).data();
        assertEquals(300, rmsprop.size(), "RMSProp was inspected along the whole run too");
        // as a share of each card's own ε (AdaGrad 0.5, RMSProp 0.01): AdaGrad's has shrunk far more
        double a = adagrad.get(adagrad.size() - 1)[1] / 0.5;
        double b = rmsprop.get(rmsprop.size() - 1)[1] / 0.01;
        assertTrue(b > 20 * a, "RMSProp's effective rate " + b + "ε levels off far above AdaGrad's " + a + "ε");
    }

    @Test
    void withThePanelOffNoRunIsInspected() throws Exception {
        stepsField().setValue(100);
        runToEnd();
        view.session().live().runs().forEach(run -> assertEquals(0, run.inside().size(), run.label()));
        assertTrue(LocatorJ._find(Div.class, spec -> spec.withId("inside-charts")).isEmpty(), "no charts shown");
    }

    @Test
    void eachPressOfStepDrawsEveryRunsUpdateTakenApartIntoArrows() {
        for (int press = 1; press <= 3; press++) {
            button("step").click();
        }
        ApexChart side = chart("side-chart");
        List<ApexChart.Arrow> arrows = side.arrows();
        // per press: GD Δθ; momentum αv, −εg, Δθ; AdaGrad, RMSProp and Adam the −g direction and Δθ
        assertEquals(3 * 10, arrows.size(), arrows.toString());
        List<ApexChart.Arrow> labelled = arrows.stream().filter(a -> !a.label().isEmpty()).toList();
        assertEquals(arrows.subList(20, 30), labelled, "only the latest press is labelled");
        // momentum's (the second card's) gradient step: ε‖g‖ of its state after the third update
        org.optlab.engine.OptimizerState momentum = view.session().live().optimizerState(1);
        double[] g = momentum.vector("g");
        ApexChart.Arrow gradient = labelled.stream().filter(a -> a.label().equals("−εg")
                && a.color().equals(colour(cards().get(1)))).findFirst().orElseThrow();
        assertEquals(0.0002 * Math.hypot(g[0], g[1]), Math.hypot(gradient.x2() - gradient.x1(),
                gradient.y2() - gradient.y1()), 1e-12);
        ApexChart.Arrow velocity = labelled.stream().filter(a -> a.label().equals("Δθ")
                && a.color().equals(colour(cards().get(1)))).findFirst().orElseThrow();
        double[] v = momentum.vector("v");
        assertEquals(Math.hypot(v[0], v[1]), Math.hypot(velocity.x2() - velocity.x1(), velocity.y2() - velocity.y1()),
                1e-12, "momentum's Δθ is its new velocity v");
        LabViewTest.click(button("pause")); // Resume, after steps
        assertTrue(side.arrows().isEmpty(), "running on removes the arrows");
    }

    @Test
    void onAModelTheRateIsDrawnAsItsDistributionOverTheParameters() throws Exception {
        var moons = new org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec("moons", 200, 0.2, null, null,
                null, null, null, null, 0.2,
                org.optlab.experiment.ExperimentDocument.ModelSpec.of(org.optlab.experiment.ModelType.MLP));
        view.setDocument(new org.optlab.experiment.ExperimentDocument(1, null, 1L, 200, null, moons,
                List.of(org.optlab.experiment.ExperimentDocument.OptimizerSpec.of("AdaGrad",
                        org.optlab.engine.Algorithm.ADAGRAD)), null, null));
        cardButton(cards().get(0), "Inside").click();
        runToEnd();
        List<ApexChart.Series> rate = insideChart("ε/(δ+√r)").series();
        assertEquals(List.of("10th percentile", "median", "90th percentile"), rate.stream().map(ApexChart.Series::name)
                .toList());
        assertEquals(List.of("‖g‖"), insideChart("g").series().stream().map(ApexChart.Series::name).toList());
        int n = rate.get(1).data().size();
        assertTrue(n >= 20, "the run's records are drawn: " + n);
        double previous = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double p10 = rate.get(0).data().get(k)[1];
            double median = rate.get(1).data().get(k)[1];
            double p90 = rate.get(2).data().get(k)[1];
            assertTrue(p10 <= median && median <= p90, "ordered at point " + k + ": " + p10 + ", " + median + ", " + p90);
            assertTrue(median <= previous, "AdaGrad's median rate never grows");
            previous = median;
        }
        assertTrue(rate.get(2).data().get(n - 1)[1] > rate.get(0).data().get(n - 1)[1],
                "the parameters' rates spread apart");
    }
}
