package org.optlab.sharing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.optlab.experiment.ExperimentStore;
import org.optlab.experiment.StoreFiles;
import org.optlab.lab.UploadStore;

/**
 * How much of the upload folder each person holds: per owner (by the hash of their token) the uploads they sent, in
 * {@code upload-owners/<owner hash>.txt}, one SHA-256 a line. An owner's use is the size of those uploads still on disk;
 * an upload the cleanup ({@link UploadCleanup}) removed no longer counts. The same file sent by two people counts for
 * both (each could have sent it alone).
 */
final class UploadQuota {

    private final Path dir;
    private final UploadStore uploads;
    private final long limitBytes;
    private final long retentionHours;

    UploadQuota(Path dir, UploadStore uploads, long limitBytes, long retentionHours) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.uploads = uploads;
        this.limitBytes = limitBytes;
        this.retentionHours = retentionHours;
    }

    /**
     * Stores the bytes for this owner, within their quota, and returns the reference; an upload they already hold costs
     * nothing more.
     */
    synchronized String keep(String ownerHash, byte[] bytes) throws SharingException.Refused {
        if (!ExperimentStore.isOwnerHash(ownerHash)) {
            throw new IllegalArgumentException("not an owner hash");
        }
        String sha = StoreFiles.sha256(bytes);
        Set<String> held = held(ownerHash);
        if (!held.contains(sha)) {
            long used = used(held);
            if (used + bytes.length > limitBytes) {
                throw SharingException.Refused.uploadQuota(used, bytes.length, limitBytes, retentionHours);
            }
        }
        String reference = uploads.put(bytes);
        if (held.add(sha)) {
            write(ownerHash, held);
        }
        return reference;
    }

    /** Bytes of this owner's uploads still on disk. */
    synchronized long used(String ownerHash) throws IOException {
        return used(held(ownerHash));
    }

    private long used(Set<String> held) {
        long sum = 0;
        for (String sha : held) {
            UploadStore.Upload u = uploads.info(sha);
            if (u != null) {
                sum += u.bytes();
            }
        }
        return sum;
    }

    /** The owner's uploads still on disk (those the cleanup removed are dropped from the list). */
    private Set<String> held(String ownerHash) {
        Set<String> held = new LinkedHashSet<>();
        Path f = dir.resolve(ownerHash + ".txt");
        try {
            if (Files.exists(f)) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.matches("[0-9a-f]{64}") && uploads.info(line) != null) {
                        held.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // an unreadable list counts as empty: the uploads themselves are still bounded by the cleanup
        }
        return held;
    }

    private void write(String ownerHash, Set<String> held) {
        try {
            StoreFiles.writeAtomically(dir.resolve(ownerHash + ".txt"),
                    (String.join("\n", held) + "\n").getBytes(StandardCharsets.UTF_8), () -> { });
        } catch (IOException e) {
            // the upload is stored; only its count against the quota is lost, and the cleanup bounds it anyway
        }
    }
}
