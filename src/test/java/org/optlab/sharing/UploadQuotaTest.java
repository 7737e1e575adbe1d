package org.optlab.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentStore;
import org.optlab.experiment.ModelType;
import org.optlab.lab.UploadStore;

/** Uploads are bounded per person and removed once no saved experiment uses them for the retention time. */
class UploadQuotaTest {

    @TempDir
    Path dir;

    UploadStore uploads;
    SharingService sharing;
    final String alice = ExperimentStore.newOwnerToken();
    final String bob = ExperimentStore.newOwnerToken();

    @BeforeEach
    void setUp() throws Exception {
        uploads = new org.optlab.lab.FileUploadStore(dir.toString());
        ExperimentStore store = new ExperimentStore(dir, 5_000_000);
        // a quota of 1,000 bytes, kept 24 hours
        sharing = new SharingService(store, uploads, new OwnerIndex(dir.resolve("owners"), store), 200, 1_000, 24);
    }

    private static byte[] csv(int rows, int salt) {
        StringBuilder sb = new StringBuilder("a,label\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i + salt).append(',').append(i % 2 == 0 ? "x" : "y").append('\n');
        }
        return sb.toString().getBytes();
    }

    private Path file(String reference) {
        return dir.resolve("uploads").resolve(reference.substring("upload:".length()) + ".csv");
    }

    private void age(String reference, Duration by) throws Exception {
        Files.setLastModifiedTime(file(reference), FileTime.from(Instant.now().minus(by)));
    }

    @Test
    void anUploadPastThePersonsQuotaIsRefusedInWordsAndNothingIsStored() throws Exception {
        byte[] first = csv(60, 0);
        byte[] second = csv(60, 1000);
        byte[] third = csv(60, 2000);
        int two = first.length + second.length;
        assertTrue(two < 1000 && two + third.length > 1000, "sizes: " + first.length + ", " + second.length);
        sharing.keepUpload(first, alice);
        sharing.keepUpload(second, alice);
        sharing.keepUpload(first, alice); // again: costs nothing more
        assertEquals(first.length + second.length, sharing.uploadsUsed(alice));
        SharingException.Refused refused = assertThrows(SharingException.Refused.class,
                () -> sharing.keepUpload(third, alice));
        assertEquals(SharingException.Refused.Reason.UPLOAD_QUOTA, refused.reason());
        assertEquals("your uploads on this server take " + (first.length + second.length) + " bytes; this file ("
                + third.length + " bytes) would pass the 1.0 kB each person may keep (optlab.upload-quota-mb):"
                + " delete saved experiments whose data you no longer need; an upload no saved experiment uses is"
                + " removed 24 hours after it was last used", refused.getMessage());
        assertEquals(2, uploads.list().size(), "the refused file is not stored");
        // another person has a quota of their own
        assertNotNull(sharing.keepUpload(third, bob));
    }

    @Test
    void uploadsNoSavedExperimentUsesAreRemovedAfterTheRetentionAndFreeTheQuota() throws Exception {
        String saved = sharing.keepUpload(csv(60, 0), alice);
        String recent = sharing.keepUpload(csv(20, 500), alice);
        String old = sharing.keepUpload(csv(20, 900), alice);
        ExperimentDocument doc = new ExperimentDocument(1, "mine", 1L, 5, null,
                ProblemSpec.dataset(saved, ExperimentDocument.ModelSpec.of(ModelType.LOGISTIC)),
                List.of(OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)), null, null);
        sharing.save(doc, null, alice);
        age(saved, Duration.ofDays(30)); // saved long ago, but a saved experiment names it
        age(recent, Duration.ofHours(2));
        age(old, Duration.ofHours(25));
        long before = sharing.uploadsUsed(alice);

        UploadCleanup.Pass pass = sharing.cleanUploads(Instant.now());
        assertEquals(3, pass.uploads());
        assertEquals(1, pass.referenced());
        assertEquals(1, pass.deleted());
        assertNotNull(uploads.get(saved), "used by a saved experiment: kept");
        assertNotNull(uploads.get(recent), "used 2 hours ago: kept");
        assertNull(uploads.get(old), "unused for 25 hours: removed");
        assertEquals(before - pass.bytesFreed(), sharing.uploadsUsed(alice), "the quota is freed");
        assertTrue(pass.bytesFreed() > 0);
    }

    @Test
    void savingAnExperimentMarksItsUploadUsedSoACleanupThatReadTheStoreEarlierKeepsIt() throws Exception {
        String ref = sharing.keepUpload(csv(30, 0), alice);
        age(ref, Duration.ofHours(48));
        Instant cutoffSeenByAnEarlierPass = Instant.now().minus(Duration.ofHours(24));
        ExperimentDocument doc = new ExperimentDocument(1, "late save", 1L, 5, null,
                ProblemSpec.dataset(ref, ExperimentDocument.ModelSpec.of(ModelType.LOGISTIC)),
                List.of(OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)), null, null);
        sharing.save(doc, null, alice);
        // a pass that listed the store before this save would now try to delete it: the check at deletion refuses
        assertEquals(false, uploads.deleteIfUnusedSince(ref.substring("upload:".length()), cutoffSeenByAnEarlierPass));
        assertNotNull(uploads.get(ref));
    }
}
