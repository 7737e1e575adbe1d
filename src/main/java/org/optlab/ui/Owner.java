package org.optlab.ui;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.http.Cookie;
import org.optlab.experiment.ExperimentStore;

/**
 * The browser's owner token: a secret kept in an HttpOnly cookie, never in a document, a link or a page. It proves who
 * may change or delete a saved experiment.
 */
final class Owner {

    static final String COOKIE = "optlab-owner";

    private Owner() {
    }

    /** The token of this browser, made (and set as a cookie) on first use. */
    static String token() {
        VaadinSession session = VaadinSession.getCurrent();
        String known = session == null ? null : (String) session.getAttribute(COOKIE);
        if (known != null) {
            return known;
        }
        String token = null;
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null && request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName()) && c.getValue() != null && c.getValue().length() >= 32) {
                    token = c.getValue();
                }
            }
        }
        if (token == null) {
            token = ExperimentStore.newOwnerToken();
            VaadinResponse response = VaadinResponse.getCurrent();
            if (response != null) {
                Cookie cookie = new Cookie(COOKIE, token);
                cookie.setHttpOnly(true);
                cookie.setPath("/");
                cookie.setMaxAge(365 * 24 * 3600);
                cookie.setAttribute("SameSite", "Lax");
                cookie.setSecure(request != null && request.isSecure());
                response.addCookie(cookie);
            }
        }
        if (session != null) {
            session.setAttribute(COOKIE, token);
        }
        return token;
    }
}
