package org.optlab.experiment;

/** Writes experiment documents as indented JSON (through {@link DocumentCodec}). */
public final class DocumentWriter {

    private DocumentWriter() {
    }

    public static String write(ExperimentDocument document) {
        return DocumentCodec.write(document);
    }
}
