package org.optlab.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/** The start page. The live lab arrives with the UI issue; until then it says what OptLab is. */
@Route("")
@PageTitle("OptLab")
public class StartView extends VerticalLayout {

    public StartView() {
        add(new H1("OptLab"));
        add(new Paragraph("A lab for \"Optimization for Training Deep Models\" (Goodfellow, Bengio, Courville, ch. 8). "
                + "The engine runs Algorithms 8.1–8.8 headless today: java -jar target/optlab.jar run EXPERIMENT.json"));
    }
}
