package org.optlab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Pre;
import org.optlab.engine.Algorithm;
import org.optlab.experiment.LectureBoxes;

/**
 * The "algorithm box" dialog of an optimizer card and of a lesson: the lecture's box as the optimizer class carries it in
 * its Javadoc ({@link LectureBoxes}).
 */
final class AlgorithmBoxes {

    private AlgorithmBoxes() {
    }

    static String title(String algorithm) {
        return LectureBoxes.title(algorithm);
    }

    static String box(String algorithm) {
        return LectureBoxes.box(algorithm);
    }

    /** Opens the algorithm's box in a dialog (from an optimizer card or a lesson). */
    static void open(Algorithm a) {
        Dialog d = new Dialog();
        d.setHeaderTitle(title(a.id()));
        Pre pre = new Pre(box(a.id()));
        pre.addClassName("algorithm-box");
        pre.getStyle().set("font-size", "var(--lumo-font-size-s)").set("white-space", "pre-wrap");
        d.add(pre);
        d.getFooter().add(new Button("Close", e -> d.close()));
        d.open();
    }
}
