package org.optlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.optlab.experiment.StoreFiles;

/**
 * Uploaded CSV files, stored once by the SHA-256 of their bytes under {@code optlab.data-dir}/uploads, so that a document
 * names them as {@code upload:<sha256>} and a shared experiment finds its data again, after a restart too. The file
 * store's uploads ({@code optlab.store=file}, the default); "last used" is the file's modification time.
 */
public class FileUploadStore implements UploadStore {

    private final Path dir;

    public FileUploadStore(String dataDir) {
        try {
            this.dir = Files.createDirectories(Path.of(dataDir, "uploads"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload folder under " + dataDir, e);
        }
    }

    /** Stores the bytes (once) and returns their reference, {@code upload:<sha256>}. */
    @Override
    public synchronized String put(byte[] bytes) {
        String sha = StoreFiles.sha256(bytes);
        Path target = dir.resolve(sha + ".csv");
        if (Files.exists(target)) {
            touch("upload:" + sha);
        } else {
            try {
                StoreFiles.writeAtomically(target, bytes, () -> { });
            } catch (IOException e) {
                throw new UncheckedIOException("the upload could not be stored", e);
            }
        }
        return "upload:" + sha;
    }

    /** Every upload on disk. */
    @Override
    public java.util.List<Upload> list() throws IOException {
        java.util.List<Upload> all = new java.util.ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.csv")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String sha = name.substring(0, name.length() - ".csv".length());
                if (sha.matches("[0-9a-f]{64}")) {
                    Upload u = info(sha);
                    if (u != null) {
                        all.add(u);
                    }
                }
            }
        }
        return all;
    }

    /** The upload with this SHA-256 on disk, or null. */
    @Override
    public Upload info(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            return null;
        }
        Path f = dir.resolve(sha256 + ".csv");
        try {
            return new Upload(sha256, Files.size(f), Files.getLastModifiedTime(f).toInstant());
        } catch (IOException e) {
            return null;
        }
    }

    /** Marks an upload as used now (a save that names it): the cleanup keeps it at least its retention from now. */
    @Override
    public void touch(String reference) {
        if (reference != null && reference.matches("upload:[0-9a-f]{64}")) {
            try {
                Files.setLastModifiedTime(dir.resolve(reference.substring("upload:".length()) + ".csv"),
                        java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            } catch (IOException e) {
                // gone already: the save names an upload this server no longer has, as it would have without the touch
            }
        }
    }

    /** Deletes the upload when it was last used before {@code usedBefore}; true when it was deleted. */
    @Override
    public synchronized boolean deleteIfUnusedSince(String sha256, java.time.Instant usedBefore) {
        Upload u = info(sha256);
        if (u == null || !u.used().isBefore(usedBefore)) {
            return false;
        }
        try {
            return Files.deleteIfExists(dir.resolve(sha256 + ".csv"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The bytes of {@code upload:<sha256>}, or null (an unknown or malformed reference is never a path). */
    @Override
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
