package org.optlab.sharing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.optlab.lab.UploadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes uploads no saved experiment uses once they have not been used for the retention time
 * ({@code optlab.upload-retention-hours}, default 24): an upload is "used" when it is sent again or a save names it.
 * Run every hour by {@link SharingService#cleanUploads()} and once at start.
 *
 * <p>Races: the store is read without locks, so a save between the read and the deletion may name an upload this pass
 * thought unused; the save marks it used first, and the deletion checks the time of last use again just before it.
 */
final class UploadCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(UploadCleanup.class);

    /** What one pass did. */
    record Pass(int uploads, int referenced, int deleted, long bytesFreed) {
    }

    private UploadCleanup() {
    }

    static Pass run(Store store, Duration retention, Instant now) throws IOException {
        UploadStore uploads = store.uploads();
        Set<String> referenced = store.uploadsNamed();
        Instant cutoff = now.minus(retention);
        int deleted = 0;
        long freed = 0;
        var all = uploads.list();
        for (UploadStore.Upload u : all) {
            if (!referenced.contains(u.sha256()) && u.used().isBefore(cutoff)
                    && uploads.deleteIfUnusedSince(u.sha256(), cutoff)) {
                deleted++;
                freed += u.bytes();
            }
        }
        if (deleted > 0) {
            LOG.info("uploads cleaned: {} of {} removed ({} bytes), {} used by saved experiments", deleted, all.size(),
                    freed, referenced.size());
        }
        return new Pass(all.size(), referenced.size(), deleted, freed);
    }
}
