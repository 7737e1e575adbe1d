package org.optlab.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import org.optlab.lab.LabService;

/** Shown instead of the lab when a browser has more tabs open than the server allows ({@link SessionGuard}). */
@Route("too-many-tabs")
@jakarta.annotation.security.PermitAll // with sign-in on: any signed-in user
@PageTitle("OptLab: too many tabs")
class TooManyTabsView extends VerticalLayout {

    TooManyTabsView(LabService lab) {
        int limit = lab.executor().properties().tabsPerSessionLimit();
        H2 title = new H2("Too many OptLab tabs");
        Paragraph text = new Paragraph("This browser has " + limit + " OptLab tabs open, the most this server keeps for"
                + " one browser (optlab.max-tabs-per-session). Close one of them and reload this page.");
        text.setId("too-many-tabs");
        add(title, text);
    }
}
