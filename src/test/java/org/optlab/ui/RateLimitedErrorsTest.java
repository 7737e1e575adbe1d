package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.vaadin.flow.server.ErrorEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Forged or malformed client requests cannot flood the log: a thousand failing requests write the first with its stack
 * trace and then single lines, at most twenty a minute.
 */
class RateLimitedErrorsTest {

    @Test
    void aThousandForgedRequestsWriteTwentyLinesAndOneStackTrace() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.rate-limited-errors");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        SessionGuard.RateLimitedErrors errors = new SessionGuard.RateLimitedErrors(logger, 20);
        for (int i = 0; i < 1000; i++) {
            errors.error(new ErrorEvent(new IllegalArgumentException("Unknown node id " + i)));
        }
        // the first minute may turn during the loop: then the next one's twenty lines and a count of those left out
        int lines = appender.list.size();
        assertEquals(true, lines >= 20 && lines <= 41, lines + " lines");
        assertNotNull(appender.list.get(0).getThrowableProxy(), "the first of its kind with its stack trace");
        for (int i = 1; i < 20; i++) {
            assertNull(appender.list.get(i).getThrowableProxy(), "then one line each");
            assertEquals("a client request failed: java.lang.IllegalArgumentException: Unknown node id " + i,
                    appender.list.get(i).getFormattedMessage());
        }
        logger.detachAppender(appender);
    }
}
