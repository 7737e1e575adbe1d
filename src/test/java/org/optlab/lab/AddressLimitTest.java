package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The second line of the per-person limits: a script that drops its cookie gets a new owner token each time, but keeps
 * its address; experiments running from one client address are limited whatever their owners
 * ({@code optlab.max-running-experiments-per-address}), and the limit is off where the address cannot be told.
 */
class AddressLimitTest {

    private final TrainingExecutor executor = new TrainingExecutor(new LabProperties(1, 10, 200, null, null, null, 2,
            null, null, null, null, null, 3));

    @AfterEach
    void shutDown() {
        executor.destroy();
    }

    @Test
    void freshCookiesFromOneAddressShareItsLimitAndOtherAddressesDoNot() throws Exception {
        LabService lab = new LabService(executor, null);
        List<LabSession> minted = new ArrayList<>();
        List<LiveExperiment> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LabSession s = lab.openSession("minted-" + i, "203.0.113.7");
            minted.add(s);
            LiveExperiment e = lab.open(MemoryBudgetTest.sixteen(2_000_000), s.owner());
            assertNull(lab.mayStart(e), "owner " + i + " is within both limits");
            e.start();
            running.add(e);
        }
        LabSession fourth = lab.openSession("minted-3", "203.0.113.7");
        LiveExperiment refusedOne = lab.open(MemoryBudgetTest.sixteen(1_000), fourth.owner());
        String refused = lab.mayStart(refusedOne);
        assertTrue(refused != null && refused.equals("3 experiments already run from your network address; the limit per"
                + " address is 3 (optlab.max-running-experiments-per-address): stop one first"), refused);
        // another address is not affected; nor is a tab whose address cannot be told
        LabSession other = lab.openSession("student", "198.51.100.2");
        assertNull(lab.mayStart(lab.open(MemoryBudgetTest.sixteen(1_000), other.owner())));
        LabSession proxied = lab.openSession("behind-proxy", null);
        assertNull(lab.mayStart(lab.open(MemoryBudgetTest.sixteen(1_000), proxied.owner())));
        // when one of the three stops, the fourth may start
        running.get(0).stop();
        assertNull(lab.mayStart(refusedOne));
        // closed tabs are forgotten: their owners no longer count for the address
        for (LabSession s : minted) {
            s.close();
        }
        for (LiveExperiment e : running) {
            e.stop();
        }
        assertNull(lab.mayStart(refusedOne));
    }
}
