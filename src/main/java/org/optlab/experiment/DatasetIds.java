package org.optlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.optlab.dataset.BundledDatasets;
import org.optlab.dataset.ToyDatasets;

/** The dataset names a document may use: toy generators, bundled datasets, {@code upload:<sha256>} and {@code file:<path>}. */
public final class DatasetIds {

    /** The toy and bundled ids, in menu order. */
    public static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>(ToyDatasets.IDS);
        all.addAll(BundledDatasets.IDS);
        ALL = List.copyOf(all);
    }

    private DatasetIds() {
    }

    public static boolean isToy(String id) {
        return ToyDatasets.IDS.contains(id);
    }

    public static boolean isBundled(String id) {
        return BundledDatasets.exists(id);
    }
}
