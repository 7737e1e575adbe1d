package org.optlab.ui;

import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.optlab.lab.LabService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What one browser can make the server hold or write: at most {@code optlab.max-tabs-per-session} tabs per browser
 * session (one more shows {@link TooManyTabsView} instead of a lab, which would hold its own experiment and charts), and
 * errors of client requests (a forged or malformed RPC, which anyone can send without signing in) logged at a bounded
 * rate: the first of each kind with its stack trace, then one line each, at most {@value #LINES_PER_MINUTE} lines a
 * minute for the whole server, and how many were left out.
 */
@Component
class SessionGuard implements VaadinServiceInitListener {

    static final int LINES_PER_MINUTE = 20;
    private static final Logger LOG = LoggerFactory.getLogger(SessionGuard.class);

    private final LabService lab;
    private final RateLimitedErrors errors = new RateLimitedErrors(LOG, LINES_PER_MINUTE);

    SessionGuard(LabService lab) {
        this.lab = lab;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(e -> e.getSession().setErrorHandler(errors));
        event.getSource().addUIInitListener(e -> e.getUI().addBeforeEnterListener(before -> {
            int limit = lab.executor().properties().tabsPerSessionLimit();
            if (before.getNavigationTarget() != TooManyTabsView.class
                    && e.getUI().getSession().getUIs().size() > limit) {
                before.rerouteTo(TooManyTabsView.class);
            }
        }));
    }

    /** The session's error handler: every error counted, few written. */
    static final class RateLimitedErrors implements ErrorHandler {
        private final Logger log;
        private final int perMinute;
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final AtomicLong minute = new AtomicLong();
        private final AtomicLong written = new AtomicLong();
        private final AtomicLong suppressed = new AtomicLong();

        RateLimitedErrors(Logger log, int perMinute) {
            this.log = log;
            this.perMinute = perMinute;
        }

        @Override
        public void error(ErrorEvent event) {
            Throwable t = event.getThrowable();
            long now = System.currentTimeMillis() / 60_000;
            if (minute.getAndSet(now) != now) {
                written.set(0);
                long left = suppressed.getAndSet(0);
                if (left > 0) {
                    log.warn("{} more errors of client requests were not logged in the last minute", left);
                }
            }
            if (written.incrementAndGet() > perMinute) {
                suppressed.incrementAndGet();
                return;
            }
            StackTraceElement[] st = t.getStackTrace();
            String kind = t.getClass().getName() + (st.length > 0 ? "@" + st[0] : "");
            if (seen.size() < 1000 && seen.add(kind)) {
                log.error("a client request failed (first of its kind, later ones in one line): {}", t.toString(), t);
            } else {
                log.warn("a client request failed: {}", t.toString());
            }
        }
    }
}
