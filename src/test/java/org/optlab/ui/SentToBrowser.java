package org.optlab.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.TestingLifecycleHookKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import java.util.ArrayList;
import java.util.List;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.optlab.ui.chart.ApexChart;

/**
 * The JavaScript calls the server sent to the browser, in order: what a test reads instead of counters kept in the
 * components.
 *
 * <p>Every client round trip in Karibu ({@link MockVaadin#clientRoundtrip()}, which also runs before every
 * {@code _get}/{@code _find}) hands {@code UI.getInternals().dumpPendingJavaScriptInvocations()}, the calls that would go
 * out with the response, to Karibu's {@code pendingJavascriptInvocationHandlers}; this is one of them and keeps them.
 * {@code element.callJsFunction("f", a)} arrives as the expression {@code "return $0.f($1)"}, owned by the element's
 * node. A call is only there once the response is made (Vaadin queues it before the response), so every read here makes
 * a round trip first.
 */
final class SentToBrowser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<PendingJavaScriptInvocation> sent = new ArrayList<>();
    private final Function1<PendingJavaScriptInvocation, Unit> recorder = invocation -> {
        sent.add(invocation);
        return Unit.INSTANCE;
    };

    void start() {
        TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().add(recorder);
    }

    void stop() {
        TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().remove(recorder);
        sent.clear();
    }

    /** The arguments (after the element) of every call of {@code function} on {@code component}, oldest first. */
    List<List<Object>> calls(Component component, String function) {
        MockVaadin.clientRoundtrip();
        List<List<Object>> calls = new ArrayList<>();
        for (PendingJavaScriptInvocation i : sent) {
            if (i.getOwner() == component.getElement().getNode()
                    && i.getInvocation().getExpression().startsWith("return $0." + function + "(")) {
                List<Object> parameters = i.getInvocation().getParameters();
                calls.add(parameters.subList(1, parameters.size()));
            }
        }
        return calls;
    }

    /** Every call sent with exactly this JavaScript expression (e.g. a page's {@code executeJs("return 0")}), oldest first. */
    List<PendingJavaScriptInvocation> sentAs(String expression) {
        MockVaadin.clientRoundtrip();
        return sent.stream().filter(i -> i.getInvocation().getExpression().equals(expression)).toList();
    }

    /** How many times {@code function} was called on {@code component}. */
    int count(Component component, String function) {
        return calls(component, function).size();
    }

    /** The chart as the browser holds it after every call sent to it, replayed as frontend/optlab-chart.js does. */
    Chart chart(ApexChart chart) {
        MockVaadin.clientRoundtrip();
        Chart c = new Chart();
        for (PendingJavaScriptInvocation i : sent) {
            if (i.getOwner() == chart.getElement().getNode()) {
                c.apply(i.getInvocation().getExpression(), i.getInvocation().getParameters());
            }
        }
        return c;
    }

    /**
     * What an {@code <optlab-chart>} holds of the end labels, the overlay and the series' points (see the calls in
     * optlab-chart.js), and the largest call it was sent.
     */
    static final class Chart {
        private final List<String> marks = new ArrayList<>();
        private final List<Integer> layerPoints = new ArrayList<>();
        private final List<List<JsonNode>> data = new ArrayList<>();
        private final List<Boolean> live = new ArrayList<>();
        private int largestCall;
        private int mostReplacedInOneCall;

        private void apply(String expression, List<Object> parameters) {
            String function = expression.substring("return $0.".length(), expression.indexOf('('));
            if (parameters.size() > 1 && parameters.get(1) instanceof String text) {
                largestCall = Math.max(largestCall, text.length());
            }
            switch (function) {
                case "setConfig" -> {
                    // the whole state: its marks, overlay and series replace what the chart held
                    JsonNode json = json(parameters);
                    marks.clear();
                    json.path("marks").forEach(m -> marks.add(m.get("text").asText()));
                    layerPoints.clear();
                    json.path("overlay").path("layers").forEach(l -> layerPoints.add(l.get("points").size() / 2));
                    data.clear();
                    live.clear();
                    json.path("series").forEach(s -> {
                        List<JsonNode> points = new ArrayList<>();
                        s.path("data").forEach(points::add);
                        data.add(points);
                        live.add(s.path("live").asBoolean());
                    });
                }
                case "appendPoints" -> {
                    int replaced = 0;
                    for (JsonNode b : json(parameters)) {
                        List<JsonNode> points = data.get(b.get("index").asInt());
                        if (b.path("replace").asBoolean()) {
                            points.clear();
                            replaced++;
                        }
                        b.get("points").forEach(points::add);
                    }
                    mostReplacedInOneCall = Math.max(mostReplacedInOneCall, replaced);
                }
                case "reset" -> {
                    for (int i = 0; i < data.size(); i++) {
                        if (live.get(i)) {
                            data.get(i).clear();
                        }
                    }
                }
                case "markEnd" -> marks.add(json(parameters).get("text").asText());
                case "clearMarks" -> marks.clear();
                case "setOverlayLayer" -> {
                    JsonNode json = json(parameters);
                    int index = json.get("index").asInt();
                    if (index < layerPoints.size()) {
                        layerPoints.set(index, json.get("points").size() / 2);
                    }
                }
                default -> {
                    // series points, theme, log scale: not modelled here
                }
            }
        }

        /** The call's one argument after the element, a JSON text. */
        private static JsonNode json(List<Object> parameters) {
            String json = (String) parameters.get(1);
            try {
                return JSON.readTree(json);
            } catch (java.io.IOException e) {
                throw new AssertionError("the server sent a chart call with malformed JSON: " + json, e);
            }
        }

        /** The points series {@code index} holds in the browser, each as sent ([x, y, ...] or null for a gap). */
        List<JsonNode> series(int index) {
            return data.get(index);
        }

        /** The length of the longest call's JSON text sent to this chart. */
        int largestCall() {
            return largestCall;
        }

        /** The most series one appendPoints call sent whole. */
        int mostReplacedInOneCall() {
            return mostReplacedInOneCall;
        }

        /** The texts of the end labels drawn on the chart, in the order they came. */
        List<String> marks() {
            return marks;
        }

        /** How many points (cells or dots) overlay layer {@code index} holds; 0 without an overlay. */
        int layerPoints(int index) {
            return index < layerPoints.size() ? layerPoints.get(index) : 0;
        }
    }
}
