package org.optlab.sharing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.optlab.experiment.DocumentCodec;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.DocumentTooLargeException;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentStore;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.StoreException;
import org.optlab.experiment.StoreFiles;
import org.optlab.lab.UploadStore;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PostgreSQL store ({@code optlab.store=postgres} with {@code spring.datasource.*}): several OptLab instances behind
 * one load balancer share it. Experiments are rows of {@code experiment} (the document as JSONB, its owner's hash, name,
 * date, size and final losses, indexed by owner); uploads are rows of {@code upload}, content-addressed by SHA-256, and
 * {@code upload_owner} says who sent which. The schema is Flyway's ({@code db/migration}).
 *
 * <p>An owner's lock is a transaction-scoped advisory lock on the owner's hash ({@code pg_advisory_xact_lock}), so it
 * holds across instances: two saves of one owner on two servers run one after the other, and the per-owner limits
 * count what the other server just wrote. Reading a share link takes no lock.
 */
public final class PostgresStore implements Store {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostgresStore.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final long maxDocumentBytes;
    private final long uploadQuotaBytes;
    private final long retentionHours;
    private final PostgresUploads uploads;
    private final String description;

    /** The store over that database, whose schema is up to date ({@link #migrate}). */
    public PostgresStore(DataSource dataSource, long maxDocumentBytes, long uploadQuotaBytes, long retentionHours) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.maxDocumentBytes = maxDocumentBytes;
        this.uploadQuotaBytes = uploadQuotaBytes;
        this.retentionHours = retentionHours;
        this.uploads = new PostgresUploads(jdbc);
        this.description = "PostgreSQL at " + jdbc.execute((ConnectionCallback<String>) c ->
                c.getMetaData().getURL().replaceFirst("\\?.*", ""));
    }

    /** Creates or updates the schema ({@code src/main/resources/db/migration}) with Flyway. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public UploadStore uploads() {
        return uploads;
    }

    @Override
    public String newId() {
        String id;
        do {
            id = ExperimentStore.randomId();
        } while (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM experiment WHERE id = ?)",
                Boolean.class, id)));
        return id;
    }

    @Override
    public ExperimentStore.Read read(String id) throws StoreException {
        if (!ExperimentStore.isId(id)) {
            return new ExperimentStore.Missing();
        }
        List<Object[]> rows;
        try {
            rows = jdbc.query("SELECT owner_hash, saved, bytes, document::text FROM experiment WHERE id = ?",
                    (rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3),
                            rs.getString(4)}, id);
        } catch (DataAccessException e) {
            throw new StoreException("the experiment could not be read from the database (" + cause(e) + ")", e);
        }
        if (rows.isEmpty()) {
            return new ExperimentStore.Missing();
        }
        Object[] row = rows.get(0);
        String owner = (String) row[0];
        try {
            ExperimentDocument doc = DocumentReader.read((String) row[3]).document();
            return new ExperimentStore.Found(new ExperimentStore.Stored(id, owner, (Instant) row[1], (Long) row[2], doc));
        } catch (InvalidDocumentException e) {
            return new ExperimentStore.Corrupt(owner, "its document is not valid (" + String.join("; ", e.problems())
                    + ")");
        } catch (RuntimeException e) {
            return new ExperimentStore.Corrupt(owner, "its document cannot be read (" + e.getMessage() + ")");
        }
    }

    @Override
    public ExperimentStore.Stored write(String id, String ownerHash, ExperimentDocument document)
            throws DocumentTooLargeException, StoreException {
        if (!ExperimentStore.isId(id) || !ExperimentStore.isOwnerHash(ownerHash)) {
            throw new IllegalArgumentException("not an id and an owner hash");
        }
        String json;
        try {
            json = DocumentCodec.writeCompact(document); // the codec's own mapping, as the file store writes it
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            throw new StoreException("the experiment could not be written: " + e.getMessage(), e);
        }
        long bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxDocumentBytes) {
            throw new DocumentTooLargeException(bytes, maxDocumentBytes);
        }
        Instant saved = Instant.now().truncatedTo(ChronoUnit.MICROS); // what timestamptz keeps
        ExperimentStore.Stored stored = new ExperimentStore.Stored(id, ownerHash, saved, bytes, document);
        OwnedExperiment line = OwnedExperiment.of(stored);
        int changed;
        try {
            changed = jdbc.update("""
                    INSERT INTO experiment (id, owner_hash, name, saved, bytes, final_losses, document)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, saved = excluded.saved, bytes = excluded.bytes,
                        final_losses = excluded.final_losses, document = excluded.document
                    WHERE experiment.owner_hash = excluded.owner_hash""",
                    id, ownerHash, line.name(), Timestamp.from(saved), bytes, line.finalLosses(), json);
        } catch (DataAccessException e) {
            throw new StoreException("the experiment could not be saved in the database (" + cause(e)
                    + "); the previous version is unchanged", e);
        }
        if (changed != 1) {
            throw new StoreException("the experiment could not be saved: its id belongs to someone else's experiment");
        }
        return stored;
    }

    @Override
    public void delete(String id) throws StoreException {
        try {
            jdbc.update("DELETE FROM experiment WHERE id = ?", id);
        } catch (DataAccessException e) {
            throw new StoreException("the experiment could not be deleted (" + cause(e) + ")", e);
        }
    }

    @Override
    public <T> T withOwner(String ownerHash, Change<T> change) throws SharingException {
        try {
            return tx.execute(status -> {
                lockOwner(ownerHash);
                Map<String, OwnedExperiment> entries = new LinkedHashMap<>();
                for (OwnedExperiment e : list(ownerHash)) {
                    entries.put(e.id(), e);
                }
                try {
                    // the rows written and deleted in the change are the list: the map is only the change's view
                    return change.apply(entries);
                } catch (SharingException e) {
                    throw new Carried(e); // rolls the transaction back
                }
            });
        } catch (Carried r) {
            throw r.carried;
        } catch (DataAccessException e) {
            throw new SharingException.Failed("the database did not answer (" + cause(e) + "); nothing was changed", e);
        }
    }

    @Override
    public List<OwnedExperiment> entries(String ownerHash) throws SharingException {
        try {
            return list(ownerHash);
        } catch (DataAccessException e) {
            throw new SharingException.Failed("your list of experiments cannot be read from the database (" + cause(e)
                    + ")", e);
        }
    }

    @Override
    public String keepUpload(String ownerHash, byte[] bytes) throws SharingException.Refused {
        if (!ExperimentStore.isOwnerHash(ownerHash)) {
            throw new IllegalArgumentException("not an owner hash");
        }
        String sha = StoreFiles.sha256(bytes);
        try {
            return tx.execute(status -> {
                lockOwner(ownerHash);
                Boolean held = jdbc.queryForObject(
                        "SELECT EXISTS (SELECT 1 FROM upload_owner WHERE owner_hash = ? AND sha256 = ?)", Boolean.class,
                        ownerHash, sha);
                if (!Boolean.TRUE.equals(held)) {
                    long used = used(ownerHash);
                    if (used + bytes.length > uploadQuotaBytes) {
                        throw new Carried(SharingException.Refused.uploadQuota(used, bytes.length, uploadQuotaBytes,
                                retentionHours));
                    }
                }
                String reference = uploads.put(bytes);
                jdbc.update("INSERT INTO upload_owner (owner_hash, sha256) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        ownerHash, sha);
                return reference;
            });
        } catch (Carried r) {
            throw (SharingException.Refused) r.carried;
        }
    }

    @Override
    public long uploadsUsed(String ownerHash) throws IOException {
        try {
            return used(ownerHash);
        } catch (DataAccessException e) {
            throw new IOException("the database did not answer (" + cause(e) + ")", e);
        }
    }

    @Override
    public Set<String> uploadsNamed() throws IOException {
        try {
            return new HashSet<>(jdbc.queryForList("""
                    SELECT DISTINCT substr(document #>> '{problem,dataset}', 8) FROM experiment
                    WHERE document #>> '{problem,dataset}' LIKE 'upload:%'""", String.class));
        } catch (DataAccessException e) {
            throw new IOException("the database did not answer (" + cause(e) + ")", e);
        }
    }

    @Override
    public void saveDraft(String ownerHash, String tab, String json) throws StoreException {
        if (!ExperimentStore.isOwnerHash(ownerHash) || !SharingService.isTab(tab)) {
            throw new IllegalArgumentException("not an owner hash and a tab");
        }
        try {
            jdbc.update("""
                    INSERT INTO draft (owner_hash, tab, saved, document) VALUES (?, ?, ?, ?::jsonb)
                    ON CONFLICT (owner_hash, tab) DO UPDATE SET saved = excluded.saved, document = excluded.document""",
                    ownerHash, tab, Timestamp.from(Instant.now()), json);
        } catch (DataAccessException | java.io.UncheckedIOException e) {
            throw new StoreException("the draft could not be kept (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public StoredDraft draft(String ownerHash, String tab) throws StoreException {
        List<Map.Entry<Instant, String>> found;
        try {
            found = jdbc.query("SELECT saved, document::text FROM draft WHERE owner_hash = ? AND tab = ?",
                    (rs, row) -> Map.entry(rs.getTimestamp(1).toInstant(), rs.getString(2)), ownerHash, tab);
        } catch (DataAccessException e) {
            throw new StoreException("the draft could not be read from the database (" + cause(e) + ")", e);
        }
        if (found.isEmpty()) {
            return null;
        }
        try {
            return new StoredDraft(DocumentReader.read(found.get(0).getValue()).document(), found.get(0).getKey());
        } catch (InvalidDocumentException e) {
            LOG.warn("the draft of tab {} is not a valid experiment: {}", tab, String.join("; ", e.problems()));
            return null;
        }
    }

    @Override
    public int dropDraftsBefore(Instant before) throws IOException {
        try {
            return jdbc.update("DELETE FROM draft WHERE saved < ?", Timestamp.from(before));
        } catch (DataAccessException e) {
            throw new IOException("the database did not answer (" + cause(e) + ")", e);
        }
    }

    @Override
    public void check() throws IOException {
        try {
            jdbc.queryForObject("SELECT count(*) FROM (SELECT 1 FROM experiment LIMIT 1) AS one", Long.class);
        } catch (DataAccessException e) {
            throw new IOException("the database did not answer (" + cause(e) + ")", e);
        }
    }

    // ---- inside ---------------------------------------------------------------------------------------------------

    /** A refusal or failure carried out of a transaction callback (which takes no checked exceptions); it rolls back. */
    private static final class Carried extends RuntimeException {
        final SharingException carried;

        Carried(SharingException carried) {
            super(carried.getMessage(), null, false, false);
            this.carried = carried;
        }
    }

    /** Takes the owner's lock until the transaction ends, against every instance on this database. */
    private void lockOwner(String ownerHash) {
        // 64 bits of the owner's hash; two owners sharing them would only wait for each other
        long key = Long.parseUnsignedLong(ownerHash.substring(0, 16), 16);
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, key);
    }

    private List<OwnedExperiment> list(String ownerHash) {
        return jdbc.query("SELECT id, name, saved, bytes, final_losses FROM experiment WHERE owner_hash = ?",
                PostgresStore::line, ownerHash);
    }

    private static OwnedExperiment line(ResultSet rs, int n) throws SQLException {
        return new OwnedExperiment(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getLong(4),
                rs.getString(5));
    }

    private long used(String ownerHash) {
        Long sum = jdbc.queryForObject("""
                SELECT coalesce(sum(u.bytes), 0) FROM upload_owner o JOIN upload u ON u.sha256 = o.sha256
                WHERE o.owner_hash = ?""", Long.class, ownerHash);
        return sum == null ? 0 : sum;
    }

    private static String cause(DataAccessException e) {
        Throwable root = e.getMostSpecificCause();
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** The uploads as rows of {@code upload}; "last used" is this server's clock, as the cleanup compares it. */
    static final class PostgresUploads implements UploadStore {

        private final JdbcTemplate jdbc;

        PostgresUploads(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public String put(byte[] bytes) {
            String sha = StoreFiles.sha256(bytes);
            jdbc.update("""
                    INSERT INTO upload (sha256, bytes, used, content) VALUES (?, ?, ?, ?)
                    ON CONFLICT (sha256) DO UPDATE SET used = excluded.used""",
                    sha, bytes.length, Timestamp.from(Instant.now()), bytes);
            return "upload:" + sha;
        }

        @Override
        public List<Upload> list() throws IOException {
            try {
                return new ArrayList<>(jdbc.query("SELECT sha256, bytes, used FROM upload", PostgresUploads::upload));
            } catch (DataAccessException e) {
                throw new IOException("the database did not answer (" + cause(e) + ")", e);
            }
        }

        @Override
        public Upload info(String sha256) {
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                return null;
            }
            List<Upload> found = jdbc.query("SELECT sha256, bytes, used FROM upload WHERE sha256 = ?",
                    PostgresUploads::upload, sha256);
            return found.isEmpty() ? null : found.get(0);
        }

        @Override
        public void touch(String reference) {
            if (reference != null && reference.matches("upload:[0-9a-f]{64}")) {
                jdbc.update("UPDATE upload SET used = ? WHERE sha256 = ?", Timestamp.from(Instant.now()),
                        reference.substring("upload:".length()));
            }
        }

        @Override
        public boolean deleteIfUnusedSince(String sha256, Instant usedBefore) {
            return jdbc.update("DELETE FROM upload WHERE sha256 = ? AND used < ?", sha256,
                    Timestamp.from(usedBefore)) > 0;
        }

        @Override
        public byte[] get(String reference) {
            if (reference == null || !reference.matches("upload:[0-9a-f]{64}")) {
                return null;
            }
            List<byte[]> found = jdbc.query("SELECT content FROM upload WHERE sha256 = ?", (rs, n) -> rs.getBytes(1),
                    reference.substring("upload:".length()));
            return found.isEmpty() ? null : found.get(0);
        }

        private static Upload upload(ResultSet rs, int n) throws SQLException {
            return new Upload(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant());
        }
    }
}
