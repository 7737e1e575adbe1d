package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import elemental.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.lab.LiveExperiment.State;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A tab's timed pushes wait for the browser (issue #13): the lab sends its next push of points only once the browser
 * has confirmed the last one, so a slow or stalled browser never has pushes piling up in the server's memory. The mocked
 * browser here confirms nothing until the test answers for it.
 */
@SpringBootTest
@TestPropertySource(properties = "optlab.push-millis=20")
class PushConfirmationTest extends KaribuTestBase {

    static final String CONFIRM = "return 0";

    /** Lets the push ticker tick for a while; its pushes run at the round trip (Karibu holds the session's lock). */
    void tick(int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            Thread.sleep(40);
            MockVaadin.clientRoundtrip();
        }
    }

    @Test
    void aBrowserThatDoesNotConfirmGetsNoFurtherPushesUntilItDoes() throws InterruptedException {
        LabView view = openLab();
        select("speed").setValue(20); // 20 steps a second: the run trains through the whole test
        LabViewTest.click(button("start"));
        tick(15); // 600 ms: about thirty ticks
        List<PendingJavaScriptInvocation> asked = sent.sentAs(CONFIRM);
        assertEquals(State.RUNNING, view.session().live().state());
        assertTrue(asked.size() >= 1, "the first timed push asks the browser to confirm it");
        assertTrue(asked.size() <= 2, "no further pushes while the browser has not confirmed: " + asked.size());
        int before = asked.size();
        // the browser applies the push and answers
        asked.forEach(i -> i.complete(Json.create(0)));
        tick(15);
        int after = sent.sentAs(CONFIRM).size();
        assertTrue(after > before, "after the answer the pushes go on: " + before + " then " + after);
        assertTrue(after <= before + 2, "and wait again for the next answer: " + after);
        button("stop").click();
    }
}
