package org.optlab.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.Lessons;
import org.optlab.experiment.Lessons.Lesson;
import org.optlab.lab.Foreground;
import org.optlab.lab.LabService;
import org.optlab.sharing.OwnedExperiment;
import org.optlab.sharing.SharingException;
import org.optlab.sharing.SharingService;

/**
 * Lessons, Save and share, My experiments, Export JSON and Import JSON: what the lab does with whole documents.
 * {@code current} gives the experiment as it stands (with its results so far); {@code open} loads a document into the form.
 * What saving, exporting and importing mean is {@link SharingService}'s: this bar shows and asks.
 */
public class ExperimentsBar extends HorizontalLayout {

    private final SharingService sharing;
    private final LabService lab;
    private final Foreground foreground;
    private final Supplier<ExperimentDocument> current;
    private final Consumer<ExperimentDocument> open;
    final Button save = new Button("Save and share");
    final Button saveCopy = new Button("Save as copy");
    /** The experiment this tab saved last (saving again updates it), or null. */
    private String savedId;
    final TextField shareLink = new TextField();
    final Span message = new Span();
    /** The Lessons menu: the lecture, slide by slide ({@link Lessons#ALL}, in the lecture's order). */
    final Select<Lesson> lessons = new Select<>();
    /** The lesson that is open: its title, what to watch, its question and its algorithm boxes. */
    final LessonPanel lesson = new LessonPanel();
    final Button mine = new Button("My experiments");
    /** Import JSON: the bytes go to the import and are let go at once (nothing of a file is kept by the tab). */
    final Upload importJson = new Upload(new BoundedUpload(20L * 1024 * 1024, LabService.JSON_HEAP_PER_BYTE,
            this::reserve, this::importBytes, this::refused));
    /** The export's link, never shown: each export gives it the file and clicks it (Vaadin's DownloadHandler). */
    private final Anchor exportLink = new Anchor();

    public ExperimentsBar(SharingService sharing, LabService lab, Supplier<ExperimentDocument> current,
            Consumer<ExperimentDocument> open) {
        this.sharing = sharing;
        this.lab = lab;
        this.foreground = lab.executor().foreground();
        this.current = current;
        this.open = open;
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        setWidthFull(); // its items wrap within the page, never wider than the screen
        lessons.setId("lessons");
        lessons.setPlaceholder("Lessons");
        lessons.setWidth("24em");
        lessons.setMaxWidth("100%"); // on a phone it takes the row, not more
        lessons.setItems(Lessons.ALL);
        lessons.setItemLabelGenerator(Lesson::title);
        lessons.addValueChangeListener(e -> {
            Lesson chosen = e.getValue();
            if (chosen != null) {
                // the menu does not keep the choice: the lesson panel says which lesson is open, and choosing the
                // same lesson again (after changing its experiment) opens it afresh
                lessons.clear();
                unlessUnsaved("Open the lesson \u201c" + chosen.title() + "\u201d",
                        () -> open.accept(chosen.document()), () -> { });
            }
        });
        save.setId("save");
        save.addClickListener(e -> save());
        saveCopy.setId("save-copy");
        saveCopy.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        saveCopy.setVisible(false);
        saveCopy.addClickListener(e -> saveAsCopy());
        shareLink.setId("share-link");
        shareLink.setReadOnly(true);
        shareLink.setWidth("30em");
        shareLink.setMaxWidth("100%");
        shareLink.setVisible(false);
        message.setId("save-message");
        mine.setId("my-experiments");
        mine.addClickListener(e -> showMine());
        // Export is a button, not a link: its click reaches the server in order after every field change before it,
        // so the file is the experiment as it stands at the click (mouse or keyboard); the bytes are made then and
        // handed to the browser as a one-off download (the previous one is released)
        Button export = new Button("Export JSON");
        export.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.setId("export-json");
        export.addClickListener(e -> download(exportJson(current.get()).getBytes(StandardCharsets.UTF_8)));
        importJson.setId("import-json");
        importJson.setAcceptedFileTypes(".json", "application/json");
        importJson.setMaxFileSize(20 * 1024 * 1024);
        importJson.setUploadButton(new Button("Import JSON"));
        importJson.setDropAllowed(false);
        importJson.setMaxFiles(1);
        exportLink.getStyle().set("display", "none");
        add(lessons, save, saveCopy, shareLink, mine, export, importJson, message, lesson, exportLink);
    }

    /** A new saved experiment, even when this one was saved before. */
    void saveAsCopy() {
        savedId = null;
        save();
    }

    /**
     * Saves the experiment with its results and shows its share link; the page URL becomes /e/{id}. Saving again updates
     * the same experiment (its link stays); Save as copy makes a new one.
     */
    void save() {
        try {
            ExperimentDocument doc = current.get(); // a running experiment's results are copied once
            // the student waits for it: the training workers hold back while it is written
            SharingService.Saved saved = foreground.answer(() -> sharing.save(doc, savedId, Owner.token()));
            savedId = saved.id();
            markClean(doc);
            saveCopy.setVisible(true);
            String path = saved.link();
            UI.getCurrent().getPage().getHistory().replaceState(null, path);
            shareLink.setValue(path);
            shareLink.setVisible(true);
            message.setText("saved and link copied: anyone with the link sees these curves and can run them again");
            UI.getCurrent().getPage().executeJs("const url = new URL($0, document.baseURI).href;"
                    + " if (navigator.clipboard) { navigator.clipboard.writeText(url).catch(() => {}); } return url;", path)
                    .then(String.class, shareLink::setValue);
        } catch (SharingException e) {
            message.setText(e.getMessage());
        }
    }

    /** {@code /?open=<id>}: a saved experiment (a fork from a shared link) into the form, or why it cannot be. */
    void openSaved(String id) {
        try {
            open.accept(sharing.openInLab(id));
        } catch (SharingException e) {
            message.setText(e.getMessage());
        }
    }

    /** Starts the browser's download of these bytes as optlab-experiment.json. */
    private void download(byte[] bytes) {
        // the link's new handler replaces (and unregisters) the last export's
        exportLink.setHref(DownloadHandler.fromInputStream(event -> new DownloadResponse(new ByteArrayInputStream(bytes),
                "optlab-experiment.json", "application/json", bytes.length)), AttachmentType.DOWNLOAD);
        exportLink.getElement().executeJs("this.click()");
    }

    /** The document as exported: with its uploaded CSV embedded, so that the file stands alone. */
    String exportJson(ExperimentDocument doc) {
        return sharing.exportJson(doc);
    }

    /** The form as last loaded or saved (its JSON without results), to tell unsaved changes. */
    private String clean;

    /** The form as it stands is the loaded or saved experiment: nothing to lose yet. */
    void markClean() {
        markClean(current.get());
    }

    private void markClean(ExperimentDocument d) {
        clean = formJson(d);
    }

    private String formJson(ExperimentDocument d) {
        return d == null ? "" : DocumentWriter.write(d.withResults(null));
    }

    /**
     * Does {@code action} at once when the form has no unsaved changes; otherwise asks first ("Discard your changes?"),
     * and does {@code cancelled} if the student keeps them.
     */
    void unlessUnsaved(String what, Runnable action, Runnable cancelled) {
        if (clean == null || clean.equals(formJson(current.get()))) {
            action.run();
            return;
        }
        com.vaadin.flow.component.confirmdialog.ConfirmDialog ask = new com.vaadin.flow.component.confirmdialog.ConfirmDialog();
        ask.setId("unsaved-changes");
        ask.setHeader("Discard your changes?");
        ask.setText("The experiment in the form has changes that are not saved. " + what + " in its place?");
        ask.setCancelable(true);
        ask.setCancelText("Keep my changes");
        ask.setConfirmText("Discard and continue");
        ask.addConfirmListener(e -> action.run());
        ask.addCancelListener(e -> cancelled.run());
        ask.open();
    }

    /** The form now describes another experiment: the next Save makes a new one. */
    void forget() {
        message.setText(""); // "saved and link copied" belonged to the experiment before
        lesson.close();
        savedId = null;
        saveCopy.setVisible(false);
        shareLink.setVisible(false);
    }

    /** Import: the same complete error list as the runner; unknown fields are ignored with a note. */
    private void importBytes(String fileName, byte[] bytes) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        boolean[] asked = {false};
        unlessUnsaved("Import " + fileName, () -> {
            if (asked[0]) {
                importLater(fileName, json);
            } else {
                importText(fileName, json); // within the upload's reservation of memory
            }
        }, () -> { });
        asked[0] = true;
        // ready for the next file at once, without removing this one from the list by hand
        importJson.clearFileList();
    }

    /** An import the student confirmed after "Discard your changes?": its reading is counted in the memory budget again. */
    private void importLater(String fileName, String json) {
        try (LabService.Reservation heap = reserve((long) json.length() * LabService.JSON_HEAP_PER_BYTE)) {
            importText(fileName, json);
        } catch (LabService.MemoryTaken e) {
            message.setText(fileName + ": " + e.getMessage());
        }
    }

    /** A file the server did not take: why, and the upload ready for the next file (not "Too Many Files"). */
    private void refused(String why) {
        importJson.clearFileList();
        message.setText(why);
    }

    private LabService.Reservation reserve(long bytes) throws LabService.MemoryTaken {
        return lab.reserve(bytes);
    }

    void importText(String fileName, String json) {
        try {
            SharingService.Imported imported = foreground.answer(() -> sharing.importJson(fileName, json, Owner.token()));
            open.accept(imported.document());
            message.setText(imported.message());
        } catch (SharingException e) {
            message.setText(e.getMessage());
        }
    }

    private void showMine() {
        Dialog d = new Dialog();
        d.setHeaderTitle("My experiments");
        d.setWidth("min(1100px, 95vw)");
        Grid<OwnedExperiment> grid = new Grid<>();
        grid.setId("my-experiments-grid");
        DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
        grid.addColumn(e -> e.name() == null ? "(no name)" : e.name()).setHeader("Name").setFlexGrow(3);
        grid.addColumn(e -> when.format(e.saved()) + " UTC").setHeader("Saved");
        grid.addColumn(OwnedExperiment::finalLosses).setHeader("Final losses").setFlexGrow(2);
        grid.addComponentColumn(e -> new Anchor("e/" + e.id(), "open")).setHeader("");
        grid.addComponentColumn(e -> {
            Button delete = new Button("Delete", click -> {
                try {
                    sharing.delete(e.id(), Owner.token());
                    grid.setItems(sharing.mine(Owner.token()));
                } catch (SharingException ex) {
                    org.slf4j.LoggerFactory.getLogger(ExperimentsBar.class).warn("refused delete of {}: {}", e.id(),
                            ex.getMessage());
                    message.setText(ex.getMessage());
                }
            });
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            return delete;
        }).setHeader("");
        try {
            grid.setItems(sharing.mine(Owner.token()));
        } catch (SharingException e) {
            message.setText(e.getMessage());
            return;
        }
        d.add(grid);
        d.getFooter().add(new Button("Close", e -> d.close()));
        d.open();
    }
}
