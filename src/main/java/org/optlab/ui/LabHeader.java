package org.optlab.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.theme.lumo.Lumo;
import java.util.function.Consumer;

/** The lab's title line: its name, what it is, the dark/light theme switch and, with sign-in on, who is signed in. */
final class LabHeader extends HorizontalLayout {

    private boolean dark;
    private final Button theme;
    private final Consumer<Boolean> themed;

    /** @param themed told dark (true) or light (false) when the theme switches, for the charts drawn in the theme */
    LabHeader(Consumer<Boolean> themed) {
        this.themed = themed;
        H1 title = new H1("OptLab");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xxl)");
        Span subtitle = new Span("Optimization for Training Deep Models: the lecture's Algorithms 8.1–8.8, side by side");
        subtitle.getStyle().set("color", "var(--lumo-secondary-text-color)");
        theme = new Button("Dark theme", e -> toggleTheme());
        theme.setId("theme");
        theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(title, subtitle, theme);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWidthFull();
        expand(subtitle);
        SignedIn.header().ifPresent(this::add); // with sign-in on: "Signed in as …" and Sign out
    }

    /**
     * The theme this browser chose last, kept in its localStorage (so a reload, another tab or a shared link opens in
     * it): asked of the browser when the page is attached.
     */
    void recallTheme() {
        getElement().executeJs("return localStorage.getItem('optlab-theme')").then(String.class, kept -> {
            if ("dark".equals(kept) != dark) {
                toggleTheme();
            }
        });
    }

    private void toggleTheme() {
        dark = !dark;
        var themes = UI.getCurrent().getElement().getThemeList();
        if (dark) {
            themes.add(Lumo.DARK);
        } else {
            themes.remove(Lumo.DARK);
        }
        // on <html> too: below the first screen, where the view ends, the page shows <html>'s background
        UI.getCurrent().getPage().executeJs("if ($0) { document.documentElement.setAttribute('theme', 'dark'); }"
                + " else { document.documentElement.removeAttribute('theme'); }"
                + " localStorage.setItem('optlab-theme', $0 ? 'dark' : 'light');", dark);
        theme.setText(dark ? "Light theme" : "Dark theme");
        themed.accept(dark);
    }
}
