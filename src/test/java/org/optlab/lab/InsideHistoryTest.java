package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsideHistoryTest {

    private static Inside.Sample at(long step) {
        return new Inside.Sample(step, Map.of("x", new double[] {step}));
    }

    /** Records 0 … n − 1, sampled as a run would sample them; returns the snapshots taken. */
    private static int record(InsideHistory h, int n) {
        int taken = 0;
        for (int k = 0; k < n; k++) {
            if (h.wants()) {
                h.add(at(k));
                taken++;
            }
        }
        return taken;
    }

    @Test
    void aShortRunKeepsEveryStep() {
        InsideHistory h = new InsideHistory();
        assertEquals(1000, record(h, 1000));
        InsideHistory.Read r = h.read(-1, 0);
        assertTrue(r.all());
        assertEquals(1000, r.samples().size());
        assertEquals(999, r.samples().get(999).step());
    }

    @Test
    void aLongRunKeepsBoundedEvenlySpacedSamplesAndTakesFewSnapshots() {
        InsideHistory h = new InsideHistory();
        int n = 1_000_000;
        int taken = record(h, n);
        List<Inside.Sample> s = h.read(-1, 0).samples();
        assertTrue(s.size() <= InsideHistory.CAPACITY, "at most CAPACITY samples: " + s.size());
        assertTrue(s.size() >= InsideHistory.CAPACITY / 2, "at least half of it: " + s.size());
        assertEquals(0, s.get(0).step(), "the first step stays");
        long gap = s.get(1).step() - s.get(0).step();
        for (int i = 1; i < s.size(); i++) {
            assertEquals(gap, s.get(i).step() - s.get(i - 1).step(), "evenly spaced at " + i);
        }
        assertTrue(s.get(s.size() - 1).step() >= n - gap, "the samples reach the end of the run");
        // 2048 · (1 + log₂(10⁶ / 2048)) ≈ 2048 · 10: far fewer snapshots than steps
        assertTrue(taken < 2048 * 11, "snapshots taken: " + taken);
    }

    @Test
    void aReaderGetsOnlyWhatIsNewUntilSamplesAreDropped() {
        InsideHistory h = new InsideHistory();
        record(h, 100);
        InsideHistory.Read first = h.read(-1, 0);
        assertEquals(100, first.seen());
        h.add(at(100));
        InsideHistory.Read next = h.read(first.generation(), first.seen());
        assertFalse(next.all());
        assertEquals(List.of(100L), next.samples().stream().map(Inside.Sample::step).toList());
        h.clear();
        InsideHistory.Read afterReset = h.read(next.generation(), next.seen());
        assertTrue(afterReset.all(), "a reset history is read whole (it is empty)");
        assertEquals(0, afterReset.samples().size());
    }

    @Test
    void theEndOfARunRecordingItsLastStepAgainReplacesIt() {
        InsideHistory h = new InsideHistory();
        h.add(at(5));
        h.add(new Inside.Sample(5, Map.of("x", new double[] {42})));
        assertEquals(1, h.size());
        assertEquals(42, h.read(-1, 0).samples().get(0).values().get("x")[0]);
    }
}
