package org.optlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.optlab.experiment.StoreFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Uploaded CSV files, stored once by the SHA-256 of their bytes under {@code optlab.data-dir}/uploads, so that a document
 * names them as {@code upload:<sha256>} and a shared experiment finds its data again, after a restart too.
 */
@Component
public class UploadStore {

    private final Path dir;

    public UploadStore(@Value("${optlab.data-dir:./data}") String dataDir) {
        try {
            this.dir = Files.createDirectories(Path.of(dataDir, "uploads"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload folder under " + dataDir, e);
        }
    }

    /** Stores the bytes (once) and returns their reference, {@code upload:<sha256>}. */
    public String put(byte[] bytes) {
        String sha = StoreFiles.sha256(bytes);
        Path target = dir.resolve(sha + ".csv");
        if (!Files.exists(target)) {
            try {
                StoreFiles.writeAtomically(target, bytes, () -> { });
            } catch (IOException e) {
                throw new UncheckedIOException("the upload could not be stored", e);
            }
        }
        return "upload:" + sha;
    }

    /** The bytes of {@code upload:<sha256>}, or null (an unknown or malformed reference is never a path). */
    public byte[] get(String reference) {
        if (reference == null || !reference.matches("upload:[0-9a-f]{64}")) {
            return null;
        }
        Path file = dir.resolve(reference.substring("upload:".length()) + ".csv");
        try {
            return Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
