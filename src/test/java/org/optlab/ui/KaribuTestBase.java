package org.optlab.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Browserless view tests (Karibu): a mocked Vaadin session on the Spring context, with the app's routes, per test. */
abstract class KaribuTestBase {

    private static final Routes ROUTES = new Routes().autoDiscoverViews("org.optlab.ui");

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void setUpVaadin() {
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
    }

    /** Opens the lab in the mocked browser tab. */
    static LabView openLab() {
        UI.getCurrent().navigate(LabView.class);
        return (LabView) UI.getCurrent().getCurrentView();
    }
}
