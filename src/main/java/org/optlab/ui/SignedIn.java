package org.optlab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.Optional;
import java.util.stream.Stream;
import org.optlab.lab.OwnerTokens;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The user signed in through the university's OpenID Connect provider, when sign-in is on
 * ({@code optlab.sign-in.enabled}, {@code SignInConfiguration}): who owns this browser's experiments and counts against
 * the per-person limits instead of the owner cookie, and the header's "Signed in as … / Sign out". With sign-in off there
 * is never such a user and the lab is as without sign-in.
 */
final class SignedIn {

    private SignedIn() {
    }

    /** The signed-in user of this request, if any. */
    static Optional<OidcUser> user() {
        VaadinService service = VaadinService.getCurrent();
        if (service == null) {
            return Optional.empty();
        }
        return service.getInstantiator().getOrCreate(AuthenticationContext.class).getAuthenticatedUser(Object.class)
                .filter(OidcUser.class::isInstance).map(OidcUser.class::cast);
    }

    /** The owner the user stands for: their issuer and subject, hashed ({@link OwnerTokens#signedIn}). */
    static String owner(OidcUser user) {
        return OwnerTokens.signedIn(String.valueOf(user.getIssuer()), user.getSubject());
    }

    /** What the header calls the user: the name claim, else the e-mail, else the user name, never the subject. */
    static String shownName(OidcUser user) {
        return Stream.of(user.getFullName(), user.getEmail(), user.getPreferredUsername())
                .filter(s -> s != null && !s.isBlank()).findFirst().orElse("a university account");
    }

    /** "Signed in as …" and a Sign out button, for the header, when someone is signed in. */
    static Optional<HorizontalLayout> header() {
        return user().map(user -> {
            Span who = new Span("Signed in as " + shownName(user));
            who.setId("signed-in-as");
            who.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
            AuthenticationContext context = VaadinService.getCurrent().getInstantiator()
                    .getOrCreate(AuthenticationContext.class);
            Button signOut = new Button("Sign out", e -> context.logout());
            signOut.setId("sign-out");
            signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            HorizontalLayout box = new HorizontalLayout(who, signOut);
            box.setAlignItems(FlexComponent.Alignment.BASELINE);
            box.setSpacing(false);
            return box;
        });
    }
}
