package org.optlab.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * The browser's push client (Atmosphere) logs at {@code info} instead of Vaadin's {@code debug}: at debug it writes a
 * console line for every pushed message, a few times per second per tab for as long as a run trains, which is work for
 * the student's browser (about a seventh of a background tab's, as profiled) and noise in its console.
 */
@Component
class PushClientSettings implements VaadinServiceInitListener {

    static final String LOG_LEVEL = "info";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> e.getUI().getPushConfiguration().setParameter("logLevel", LOG_LEVEL));
    }
}
