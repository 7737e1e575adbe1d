package org.optlab.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optlab.dataset.BundledDatasets;
import org.optlab.dataset.CsvImport;
import org.optlab.dataset.CsvImportException;
import org.optlab.dataset.Dataset;
import org.optlab.dataset.ToyDatasets;
import org.optlab.engine.function.TestFunction;
import org.optlab.engine.function.TestFunctions;
import org.optlab.experiment.Init;
import org.optlab.experiment.ModelType;
import org.optlab.engine.model.Activation;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec;
import org.optlab.lab.LabService;

/**
 * The problem: a 2-D function (its parameters and start point, which a click on the contour plot can also set), a toy
 * dataset, a bundled dataset or an uploaded CSV, and for datasets the model. Fires a {@link ChangeEvent} on every edit.
 */
public class ProblemPanel extends Div {

    /** What kind of problem. */
    public enum Kind { FUNCTION, TOY, BUNDLED, UPLOAD }

    private final Select<Kind> kind = new Select<>();
    private final Select<String> function = new Select<>();
    private final NumberField startX = new NumberField("Start x");
    private final NumberField startY = new NumberField("Start y");
    private final NumberField a11 = new NumberField("A₁₁");
    private final NumberField a12 = new NumberField("A₁₂ = A₂₁");
    private final NumberField a22 = new NumberField("A₂₂");
    private final NumberField b1 = new NumberField("b₁");
    private final NumberField b2 = new NumberField("b₂");
    private final NumberField gradientNoise = new NumberField("Gradient noise σ");
    private final Span formula = new Span();
    /** The quadratic's eigenvalues, condition number and 2/λmax, beside A (§8.2.1). */
    private final Span spectrum = new Span();

    private final Select<String> toy = new Select<>();
    private final IntegerField n = new IntegerField("Points n");
    private final NumberField noise = new NumberField("Noise");
    private final IntegerField dataSeed = new IntegerField("Data seed");
    private final IntegerField arms = new IntegerField("Spiral arms");
    private final IntegerField classes = new IntegerField("Blobs (classes)");
    /** A test set drawn fresh from the toy generator, its loss J* drawn dashed beside the validation loss (empty: none). */
    private final IntegerField testPoints = new IntegerField("Fresh test points (J*)");
    private final Select<String> bundled = new Select<>();
    /** The CSV arrives in memory (at most 20 MB) and is handed to {@link #received} in the UI's lock. */
    private final Upload upload = new Upload(new BoundedUpload(org.optlab.dataset.CsvImport.MAX_BYTES,
            LabService.CSV_HEAP_PER_BYTE, this::heap, this::received,
            this::refused));
    private final Span uploadInfo = new Span();
    private final Span uploadError = new Span();
    private final Select<String> target = new Select<>();
    private final Select<CsvImport.Task> task = new Select<>();
    private final NumberField validationFraction = new NumberField("Validation fraction");

    private final Select<ModelType> modelType = new Select<>();
    private final TextField hidden = new TextField("Hidden layers");
    private final Select<Activation> activation = new Select<>();
    private final Select<Init> init = new Select<>();
    private final NumberField weightDecay = new NumberField("Weight decay λ");

    private final FormLayout functionForm = new FormLayout();
    private final FormLayout toyForm = new FormLayout();
    private final FormLayout bundledForm = new FormLayout();
    private final Div uploadForm = new Div();
    private final FormLayout dataForm = new FormLayout();
    private final Map<String, HasValidation> fieldsByPath = new LinkedHashMap<>();
    private final org.optlab.sharing.SharingService uploads;
    /** The values of the fields: the Binder writes every edit here, and the document's problem is built from it. */
    private final ProblemForm form = new ProblemForm();
    private final Binder<ProblemForm> binder = new Binder<>();
    /** True while a document's problem is read into the form: no field sets another then. */
    private boolean loading;
    private byte[] uploadBytes;
    /** Reserves the heap a CSV's parsing takes from the server's memory budget ({@link LabService#reserve}). */
    private final BoundedUpload.Reserve reserve;
    private String uploadName;

    public ProblemPanel(org.optlab.sharing.SharingService uploads, BoundedUpload.Reserve reserve) {
        this.uploads = uploads;
        this.reserve = reserve;
        addClassName("problem-panel");
        add(new H3("Problem"));
        kind.setLabel("Problem");
        kind.setItems(Kind.values());
        kind.setItemLabelGenerator(k -> switch (k) {
            case FUNCTION -> "2-D test function";
            case TOY -> "Toy dataset";
            case BUNDLED -> "Real dataset";
            case UPLOAD -> "Upload a CSV";
        });
        kind.setId("problem-kind");

        function.setLabel("Function");
        function.setItems(TestFunctions.IDS);
        function.setId("function");
        for (NumberField f : new NumberField[] {startX, startY, a11, a12, a22, b1, b2, gradientNoise, noise,
            validationFraction, weightDecay}) {
            f.setStepButtonsVisible(false);
        }
        gradientNoise.setHelperText("the optimizer sees g + N(0, σ²I)");
        formula.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        spectrum.setId("quadratic-spectrum");
        spectrum.getStyle().set("font-size", "var(--lumo-font-size-s)");
        functionForm.add(function, startX, startY, a11, a12, a22, spectrum, b1, b2, gradientNoise, formula);
        functionForm.setColspan(formula, 2);
        functionForm.setColspan(spectrum, 2);

        toy.setLabel("Toy dataset");
        toy.setItems(ToyDatasets.IDS);
        n.setMin(10);
        dataSeed.setPlaceholder("experiment seed");
        testPoints.setPlaceholder("none");
        testPoints.setHelperText("drawn fresh from the generator; its loss estimates J*");
        testPoints.setMin(10);
        toyForm.add(toy, n, noise, dataSeed, arms, classes, testPoints);

        bundled.setLabel("Dataset");
        bundled.setItems(BundledDatasets.IDS);
        bundledForm.add(bundled);

        upload.setId("csv-upload");
        upload.setAcceptedFileTypes(".csv", "text/csv", "text/plain");
        upload.setMaxFileSize((int) CsvImport.MAX_BYTES);
        upload.setDropLabel(new Span("Drop a CSV file here (≤ 20 MB, 200,000 rows, 1,000 columns)"));
        upload.setMaxFiles(1);
        upload.addFileRejectedListener(e -> showUploadError(e.getErrorMessage()));
        uploadError.addClassName("upload-error");
        uploadError.getStyle().set("color", "var(--lumo-error-text-color)").set("display", "block");
        uploadInfo.addClassName("upload-info");
        uploadInfo.getStyle().set("display", "block");
        target.setLabel("Target column");
        task.setLabel("Task");
        task.setItems(CsvImport.Task.values());
        task.setItemLabelGenerator(CsvImport.Task::id);
        FormLayout uploadFields = new FormLayout(target, task);
        uploadForm.add(upload, uploadError, uploadInfo, uploadFields);

        modelType.setLabel("Model");
        modelType.setItems(ModelType.values());
        modelType.setItemLabelGenerator(t -> switch (t) {
            case LINEAR -> "linear regression (MSE)";
            case LOGISTIC -> "logistic regression (2 classes)";
            case SOFTMAX -> "softmax regression (k classes)";
            default -> "MLP";
        });
        hidden.setHelperText("sizes separated by commas");
        activation.setLabel("Activation");
        activation.setItems(Activation.values());
        activation.setItemLabelGenerator(Activation::id);
        init.setLabel("Initialisation");
        init.setItems(Init.GLOROT, Init.ZEROS);
        init.setItemLabelGenerator(Init::id);
        dataForm.add(validationFraction, modelType, hidden, activation, init, weightDecay);

        add(kind, functionForm, toyForm, bundledForm, uploadForm, dataForm);

        fieldsByPath.put("problem.function", function);
        fieldsByPath.put("problem.start[0]", startX);
        fieldsByPath.put("problem.start[1]", startY);
        fieldsByPath.put("problem.start", startX);
        fieldsByPath.put("problem.a", a12);
        fieldsByPath.put("problem.gradientNoise", gradientNoise);
        fieldsByPath.put("problem.n", n);
        fieldsByPath.put("problem.noise", noise);
        fieldsByPath.put("problem.arms", arms);
        fieldsByPath.put("problem.classes", classes);
        fieldsByPath.put("problem.seed", dataSeed);
        fieldsByPath.put("problem.testPoints", testPoints);
        fieldsByPath.put("problem.validationFraction", validationFraction);
        fieldsByPath.put("problem.model.type", modelType);
        fieldsByPath.put("problem.model.hidden", hidden);
        fieldsByPath.put("problem.model.activation", activation);
        fieldsByPath.put("problem.model.init", init);
        fieldsByPath.put("problem.model.weightDecay", weightDecay);
        fieldsByPath.put("problem.target", target);

        bind();
        // what one field sets in others: a new function starts at its default θ₀, a toy dataset at its noise, a model
        // at its initialisation (not while a document is read: it gives those values itself)
        function.addValueChangeListener(e -> {
            if (!loading) {
                double[] s = currentFunction().defaultStart();
                startX.setValue(s[0]);
                startY.setValue(s[1]);
            }
        });
        toy.addValueChangeListener(e -> {
            if (!loading) {
                noise.setValue(ToyDatasets.defaultNoise(e.getValue()));
            }
        });
        modelType.addValueChangeListener(e -> {
            if (!loading) {
                init.setValue(e.getValue() == ModelType.MLP ? Init.GLOROT : Init.ZEROS);
            }
        });
        // the upload's summary follows the chosen target and task (after the Binder has taken them)
        target.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                describeUpload();
            }
        });
        task.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                describeUpload();
            }
        });
        showForm();
    }

    /**
     * Binds every field to its value in {@link ProblemForm}. The Binder writes each edit there, then tells the panel,
     * which redraws and fires a {@link ChangeEvent}. It checks no ranges: the document's validator does, and LabView
     * shows its violations at their fields ({@link #showError}), as it shows an empty field.
     */
    private void bind() {
        binder.setDefaultValidatorsEnabled(false);
        binder.forField(kind).bind(f -> f.kind, (f, v) -> f.kind = v);
        binder.forField(function).bind(f -> f.function, (f, v) -> f.function = v);
        binder.forField(startX).bind(f -> f.startX, (f, v) -> f.startX = v);
        binder.forField(startY).bind(f -> f.startY, (f, v) -> f.startY = v);
        binder.forField(a11).bind(f -> f.a11, (f, v) -> f.a11 = v);
        binder.forField(a12).bind(f -> f.a12, (f, v) -> f.a12 = v);
        binder.forField(a22).bind(f -> f.a22, (f, v) -> f.a22 = v);
        binder.forField(b1).bind(f -> f.b1, (f, v) -> f.b1 = v);
        binder.forField(b2).bind(f -> f.b2, (f, v) -> f.b2 = v);
        binder.forField(gradientNoise).bind(f -> f.gradientNoise, (f, v) -> f.gradientNoise = v);
        binder.forField(toy).bind(f -> f.toy, (f, v) -> f.toy = v);
        binder.forField(n).bind(f -> f.n, (f, v) -> f.n = v);
        binder.forField(noise).bind(f -> f.noise, (f, v) -> f.noise = v);
        binder.forField(dataSeed).bind(f -> f.dataSeed, (f, v) -> f.dataSeed = v);
        binder.forField(arms).bind(f -> f.arms, (f, v) -> f.arms = v);
        binder.forField(classes).bind(f -> f.classes, (f, v) -> f.classes = v);
        binder.forField(testPoints).bind(f -> f.testPoints, (f, v) -> f.testPoints = v);
        binder.forField(bundled).bind(f -> f.bundled, (f, v) -> f.bundled = v);
        binder.forField(target).bind(f -> f.target, (f, v) -> f.target = v);
        binder.forField(task).bind(f -> f.task, (f, v) -> f.task = v);
        binder.forField(validationFraction).bind(f -> f.validationFraction, (f, v) -> f.validationFraction = v);
        binder.forField(modelType).bind(f -> f.modelType, (f, v) -> f.modelType = v);
        binder.forField(hidden).bind(f -> f.hidden, (f, v) -> f.hidden = v);
        binder.forField(activation).bind(f -> f.activation, (f, v) -> f.activation = v);
        binder.forField(init).bind(f -> f.init, (f, v) -> f.init = v);
        binder.forField(weightDecay).bind(f -> f.weightDecay, (f, v) -> f.weightDecay = v);
        binder.setBean(form);
        binder.addValueChangeListener(e -> {
            showForm();
            fireChange();
        });
        // text a number field cannot read changes no value, but "empty" becomes "not a number" (or back)
        binder.getFields().forEach(f -> BoundFields.whileUnreadable(f, this::fireChange));
    }

    /** Which fields are shown, and the function's formula and the quadratic's spectrum, as the form now is. */
    private void showForm() {
        updateVisibility();
        formula.setText("f(x, y) = " + formulaOfFields());
        spectrum.setText(spectrumOfFields());
    }

    /** The eigenvalues of A as its fields give it, with κ and 2/λmax or why there is no minimum. */
    private String spectrumOfFields() {
        return org.optlab.engine.function.Quadratic.spectrum(new double[][] {{nz(form.a11), nz(form.a12)},
            {nz(form.a12), nz(form.a22)}}).words();
    }

    /** The formula of the function as the fields define it (the quadratic's A and b from its fields). */
    private String formulaOfFields() {
        TestFunction f = currentFunction();
        if (f instanceof org.optlab.engine.function.Quadratic) {
            try {
                return new org.optlab.engine.function.Quadratic(new double[][] {{nz(form.a11), nz(form.a12)},
                    {nz(form.a12), nz(form.a22)}}, new double[] {nz(form.b1), nz(form.b2)}).formula();
            } catch (IllegalArgumentException e) {
                return f.formula();
            }
        }
        return f.formula();
    }

    private TestFunction currentFunction() {
        return TestFunctions.byId(form.function == null ? "rosenbrock" : form.function);
    }

    private void updateVisibility() {
        Kind k = form.kind;
        functionForm.setVisible(k == Kind.FUNCTION);
        toyForm.setVisible(k == Kind.TOY);
        bundledForm.setVisible(k == Kind.BUNDLED);
        uploadForm.setVisible(k == Kind.UPLOAD);
        dataForm.setVisible(k != Kind.FUNCTION);
        boolean quadratic = "quadratic".equals(form.function);
        for (NumberField f : new NumberField[] {a11, a12, a22, b1, b2}) {
            f.setVisible(quadratic);
        }
        spectrum.setVisible(quadratic);
        arms.setVisible("spirals".equals(form.toy));
        classes.setVisible("blobs".equals(form.toy));
        noise.setLabel(List.of("linear", "sine").contains(form.toy) ? "Noise σ of y" : "Noise σ");
        boolean mlp = form.modelType == ModelType.MLP;
        hidden.setVisible(mlp);
        activation.setVisible(mlp);
    }

    private void received(String fileName, byte[] bytes) {
        // the next file can be dropped at once, without removing this one from the list by hand
        upload.clearFileList();
        List<String> columns;
        try {
            columns = CsvImport.columns(bytes);
            CsvImport.read(fileName, bytes, null, CsvImport.Task.AUTO);
        } catch (CsvImportException e) {
            showUploadError(fileName + ": " + e.getMessage());
            return;
        }
        String reference;
        try {
            reference = uploads.keepUpload(bytes, Owner.token());
        } catch (org.optlab.sharing.SharingException.Refused e) {
            showUploadError(fileName + ": " + e.getMessage());
            return;
        }
        uploadBytes = bytes;
        uploadName = fileName;
        form.upload = reference;
        uploadError.setText("");
        target.setItems(columns);
        target.setValue(columns.get(columns.size() - 1));
        task.setValue(CsvImport.Task.AUTO);
        describeUpload();
        fireChange();
    }

    /** Rows, columns and classes of the uploaded file with the chosen target, or the import error. */
    private void describeUpload() {
        if (uploadBytes == null) {
            return;
        }
        // read again with the target and task chosen, within the memory budget like the upload itself
        try (LabService.Reservation heap = heap((long) uploadBytes.length * LabService.CSV_HEAP_PER_BYTE)) {
            Dataset d = CsvImport.read(uploadName, uploadBytes, form.target, form.task);
            uploadInfo.setText(uploadName + ": " + d.summary());
            uploadError.setText("");
        } catch (CsvImportException | LabService.MemoryTaken e) {
            uploadInfo.setText("");
            uploadError.setText(uploadName + ": " + e.getMessage());
        }
    }

    /** A file the server did not take: why, and the upload ready for the next file (not "Too Many Files"). */
    private void refused(String why) {
        upload.clearFileList();
        showUploadError(why);
    }

    private LabService.Reservation heap(long bytes) throws LabService.MemoryTaken {
        return reserve.reserve(bytes);
    }

    /** Nothing half-loaded: a rejected file leaves no dataset selected. */
    private void showUploadError(String message) {
        uploadBytes = null;
        form.upload = null;
        uploadName = null;
        target.clear();
        target.setItems(new ArrayList<>());
        uploadInfo.setText("");
        uploadError.setText(message);
        fireChange();
    }

    public Kind kind() {
        return form.kind;
    }

    /** Sets the start point (a click on the contour plot). */
    public void setStart(double x, double y) {
        startX.setValue(round(x));
        startY.setValue(round(y));
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** The problem as it goes into the document; null when an upload is chosen but no valid file is loaded. */
    public ProblemSpec spec() {
        return form.spec();
    }

    private static double nz(Double v) {
        return v == null ? 0 : v;
    }

    /** Fills the panel from a document's problem. */
    public void setSpec(ProblemSpec p) {
        loading = true;
        try {
            form.read(p);
            binder.setBean(form);
            if (p instanceof DatasetSpec d && d.ref() instanceof org.optlab.experiment.DatasetRef.Upload) {
                readUpload(d);
            }
        } finally {
            loading = false;
        }
        showForm();
    }

    /** The document's uploaded CSV, its columns and the target and task it names, or why it cannot be shown. */
    private void readUpload(DatasetSpec d) {
        byte[] bytes = uploads.upload(d.dataset());
        if (bytes == null) {
            showUploadError("the experiment's CSV is not on this server: upload it again");
            return;
        }
        try {
            List<String> columns = CsvImport.columns(bytes);
            uploadBytes = bytes;
            uploadName = "the experiment's CSV";
            form.upload = d.dataset();
            target.setItems(columns);
            target.setValue(d.target() != null && columns.contains(d.target()) ? d.target()
                    : columns.get(columns.size() - 1));
            task.setValue(d.task() == null ? CsvImport.Task.AUTO : d.task());
            describeUpload();
        } catch (CsvImportException e) {
            showUploadError(e.getMessage());
        }
    }

    void clearErrors() {
        for (HasValidation f : fieldsByPath.values()) {
            f.setInvalid(false);
        }
    }

    /** The field a validator path names (the longest path of a field that the path starts with), or null. */
    private String fieldPath(String path) {
        String best = null;
        for (String p : fieldsByPath.keySet()) {
            if ((path.equals(p) || path.startsWith(p + "[") || path.startsWith(p + ".")) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best;
    }

    /** Shows a message at the field its path names; false when no field here has that path. */
    boolean showError(String path, String message) {
        String best = fieldPath(path);
        if (best == null) {
            return false;
        }
        HasValidation f = fieldsByPath.get(best);
        f.setErrorMessage(message);
        f.setInvalid(true);
        return true;
    }

    /** What the student reads for a path: the label of its field ("Start x", "A₁₂ = A₂₁"), or null. */
    String fieldWords(String path) {
        String best = fieldPath(path);
        if (best == null) {
            return null;
        }
        if (best.equals("problem.a")) {
            return "A";
        }
        if (best.equals("problem.start")) {
            return "the start (x, y)";
        }
        return fieldsByPath.get(best) instanceof com.vaadin.flow.component.HasLabel l ? l.getLabel() : null;
    }

    /** The shown number fields that are empty (an error, never a silent default), except the data seed's. */
    List<HasValidation> blankFields() {
        List<HasValidation> blank = new ArrayList<>();
        List<HasValidation> fields = new ArrayList<>(List.of(startX, startY, a11, a12, a22, b1, b2, gradientNoise));
        fields.addAll(fieldsByPath.values());
        for (HasValidation f : fields) {
            // the data seed may be left empty: it then follows the experiment's seed (its placeholder says so); no
            // fresh test points: no test set
            if ((f instanceof NumberField || f instanceof IntegerField) && f != dataSeed && f != testPoints) {
                if (((HasValue<?, ?>) f).isEmpty() && isShown((Component) f) && !blank.contains(f)) {
                    blank.add(f);
                }
            }
        }
        return blank;
    }

    /** Visible with every parent up to this panel (a field of a hidden form is not shown). */
    private boolean isShown(Component c) {
        for (Component x = c; x != null && x != this; x = x.getParent().orElse(null)) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return true;
    }

    public void setEditable(boolean editable) {
        setEnabled(editable);
    }

    /** Any edit of the problem. */
    public static class ChangeEvent extends ComponentEvent<ProblemPanel> {
        public ChangeEvent(ProblemPanel source) {
            super(source, false);
        }
    }

    private void fireChange() {
        fireEvent(new ChangeEvent(this));
    }

    public Registration addChangeListener(ComponentEventListener<ChangeEvent> l) {
        return addListener(ChangeEvent.class, l);
    }

    /** The uploaded file's name ("wine.csv"), or null. */
    String uploadName() {
        return uploadName;
    }
}
