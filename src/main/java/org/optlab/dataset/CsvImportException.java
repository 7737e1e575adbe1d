package org.optlab.dataset;

/** A CSV file that cannot be imported, with one clear message naming the line, the column and what was wrong. */
public final class CsvImportException extends Exception {

    public CsvImportException(String message) {
        super(message);
    }
}
