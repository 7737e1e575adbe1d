package org.optlab.ui;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.http.Cookie;
import org.optlab.lab.OwnerTokens;
import org.optlab.sharing.SharingService;

/**
 * The browser's owner: a token the server issued and signed ({@link OwnerTokens}), kept in an HttpOnly cookie, never in
 * a document, a link or a page. It proves who may change or delete a saved experiment, and per-person limits count by
 * it. A cookie the server did not sign is replaced, never adopted; an unsigned token of an earlier version is adopted
 * (signed) only if it already owns saved experiments, so nobody loses theirs. When sign-in is on
 * ({@code optlab.sign-in.enabled}) the owner is the signed-in user instead, the same in every browser, and no cookie is
 * set.
 */
final class Owner {

    static final String COOKIE = "optlab-owner";
    static final String SESSION_KEY = "optlab-owner-id";

    private Owner() {
    }

    /**
     * The owner of this browser: the signed-in user's ({@link SignedIn}) when sign-in is on, else the signed cookie
     * token's body, made and set as a cookie on first use.
     */
    static String token() {
        VaadinSession session = VaadinSession.getCurrent();
        String known = session == null ? null : (String) session.getAttribute(SESSION_KEY);
        if (known != null) {
            return known;
        }
        String owner = SignedIn.user().map(SignedIn::owner).orElseGet(Owner::cookieOwner);
        if (session != null) {
            session.setAttribute(SESSION_KEY, owner);
        }
        return owner;
    }

    /** The owner of the cookie this browser presented, or of a new one sent with the response. */
    private static String cookieOwner() {
        OwnerTokens tokens = bean(OwnerTokens.class);
        String presented = null;
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null && request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName())) {
                    presented = c.getValue();
                }
            }
        }
        String token;
        boolean send;
        OwnerTokens.Check check = tokens.check(presented);
        if (check == OwnerTokens.Check.VALID) {
            token = presented;
            send = false;
        } else if (check == OwnerTokens.Check.VALID_PREVIOUS_SECRET) {
            token = tokens.sign(OwnerTokens.owner(presented));
            send = true;
        } else if (legacyOwnerOfExperiments(presented)) {
            token = tokens.sign(presented);
            send = true;
        } else {
            token = tokens.issue();
            send = true;
        }
        if (send) {
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
        return OwnerTokens.owner(token);
    }

    /**
     * The client's network address for the per-address limit, or null when it cannot be told: a request that came
     * through a proxy (it carries {@code X-Forwarded-For}) while {@code server.forward-headers-strategy} is not set, so
     * that every request seems to come from the proxy (the limit would then count a whole class as one address).
     */
    static String address() {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request == null) {
            return null;
        }
        if (request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null) {
            org.springframework.boot.autoconfigure.web.ServerProperties server =
                    bean(org.springframework.boot.autoconfigure.web.ServerProperties.class);
            if (server.getForwardHeadersStrategy() == null || server.getForwardHeadersStrategy()
                    == org.springframework.boot.autoconfigure.web.ServerProperties.ForwardHeadersStrategy.NONE) {
                return null;
            }
        }
        return request.getRemoteAddr();
    }

    /** An unsigned token of an earlier OptLab (43 URL-safe characters) that owns saved experiments. */
    private static boolean legacyOwnerOfExperiments(String presented) {
        return presented != null && presented.matches("[A-Za-z0-9_-]{43}")
                && bean(SharingService.class).hasExperiments(presented);
    }

    private static <T> T bean(Class<T> type) {
        return VaadinService.getCurrent().getInstantiator().getOrCreate(type);
    }
}
