package org.optlab.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The real datasets shipped inside the application (src/main/resources/datasets, with their provenance in README.md there):
 * iris, wine, breast_cancer, digits (classification) and diabetes (regression). Each is read through {@link CsvImport}.
 */
public final class BundledDatasets {

    public static final List<String> IDS = List.of("iris", "wine", "breast_cancer", "digits", "diabetes");

    private BundledDatasets() {
    }

    public static boolean exists(String id) {
        return IDS.contains(id);
    }

    /** Loads a bundled dataset; its target is the last column. */
    public static Dataset load(String id) {
        if (!exists(id)) {
            throw new IllegalArgumentException("no bundled dataset " + id);
        }
        try (InputStream in = BundledDatasets.class.getResourceAsStream("/datasets/" + id + ".csv")) {
            if (in == null) {
                throw new IllegalStateException("the bundled dataset " + id + " is missing from the application");
            }
            CsvImport.Task task = id.equals("diabetes") ? CsvImport.Task.REGRESSION : CsvImport.Task.CLASSIFICATION;
            return CsvImport.read(id, in.readAllBytes(), null, task);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CsvImportException e) {
            throw new IllegalStateException("the bundled dataset " + id + " does not import: " + e.getMessage(), e);
        }
    }
}
