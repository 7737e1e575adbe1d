package org.optlab.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.lab.RestoredDraft;
import org.optlab.sharing.SharingService;

/**
 * A browser tab's draft: the tab's key (made once per tab and kept in its sessionStorage, so that a reload or another
 * instance knows it), the experiment kept as the tab's draft on every edit and every run, and, when a draft came back,
 * the note that says so ({@code #draft-note}, a plain element: no web component beyond the bundle's) and the restored
 * results the page shows until the next real edit, Start or Step.
 */
final class TabDraft {

    private final SharingService sharing;
    private final String owner;
    private final Div note = new Div();
    /** This browser tab's key, once known. */
    private String tab;
    /** The page opened a saved experiment ({@code ?open=}): it is not replaced by the tab's draft. */
    private boolean openedSaved;
    /**
     * The tab's draft restored with its results, as the charts and cards show them (null: none shown). They are the
     * draft's, not a run: Start, Step or an edit runs or previews the experiment from scratch; an event that changes
     * nothing keeps the restored view.
     */
    private RestoredDraft restored;

    TabDraft(SharingService sharing, String owner) {
        this.sharing = sharing;
        this.owner = owner;
        note.setId("draft-note");
        note.setVisible(false);
    }

    /** The note above the form, shown while the form is the tab's restored draft. */
    Div note() {
        return note;
    }

    /** The page opened a saved experiment: the tab's draft does not replace it. */
    void openedSaved() {
        openedSaved = true;
    }

    /** Asks the browser for the tab's key, made once per tab; {@code known} gets it. */
    static void askKey(UI ui, Consumer<String> known) {
        // kept by the browser across reloads and across a move to another instance
        ui.getPage().executeJs("let k = sessionStorage.getItem('optlab-tab');"
                + " if (!k) { k = Array.from(crypto.getRandomValues(new Uint8Array(18)),"
                + " b => b.toString(16).padStart(2, '0')).join(''); sessionStorage.setItem('optlab-tab', k); }"
                + " return k;").then(String.class, known::accept);
    }

    /**
     * The browser said which tab this is. Its draft, if the store has one (this tab was here before a reload, or its
     * server stopped and the load balancer sent it here), goes to {@code restore}, unless the page opened a saved
     * experiment, the tab is running, or the draft is what the form shows already; from now on every edit and every run
     * is kept as the tab's draft.
     */
    void known(String key, boolean running, ExperimentDocument form, Consumer<SharingService.Draft> restore) {
        if (!SharingService.isTab(key)) {
            return;
        }
        SharingService.Draft draft = openedSaved || running ? null : sharing.draft(key, owner);
        if (draft != null && !DocumentWriter.write(draft.document()).equals(
                DocumentWriter.write(form))) { // the same as the form: nothing to say
            // before the tab is known: the restored form is not kept as a new draft over the one it came from
            restore.accept(draft);
            tab = key;
        } else {
            tab = key;
            sharing.keepDraft(tab, owner, form);
        }
    }

    /** Keeps the experiment as the tab's draft (in the store within seconds: another instance can restore it). */
    void keep(ExperimentDocument doc) {
        if (tab != null) {
            sharing.keepDraft(tab, owner, doc);
        }
    }

    /** Keeps a run as the tab's draft: its document with the results so far, taken when the draft is next written. */
    void keep(Supplier<ExperimentDocument> run) {
        if (tab != null) {
            sharing.keepDraft(tab, owner, run);
        }
    }

    /** A draft came back with its settings alone: the note says so. */
    void restoredSettings(SharingService.Draft draft) {
        note.setVisible(true); // until the next edit, Start or Step
        note.setText(RestoredDraft.settingsOnly(draft.kept()));
    }

    /**
     * A draft came back with results for the experiment the form now previews ({@code form}): the note says when and
     * where the runs were; the returned statuses are for the view to show.
     */
    RestoredDraft restoredResults(SharingService.Draft draft, ExperimentDocument form) {
        restored = new RestoredDraft(draft.document(), draft.kept(), draft.keptHere(), form);
        note.setVisible(true); // until the next edit, Start or Step
        note.setText(restored.note());
        return restored;
    }

    /** Whether the page shows a restored draft and {@code form} is still the experiment as the restore left it. */
    boolean showsRestored(ExperimentDocument form) {
        return restored != null && restored.showsForm(form);
    }

    /** The form was edited: the note and any restored results leave the page. */
    void hide() {
        note.setVisible(false);
        restored = null;
    }

    /** Start or Step: restored results leave the page (with the note); true when there were any. */
    boolean leaveRestored() {
        if (restored == null) {
            return false;
        }
        restored = null;
        note.setVisible(false);
        return true;
    }
}
