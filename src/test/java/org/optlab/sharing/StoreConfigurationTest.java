package org.optlab.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.lab.UploadStore;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code optlab.store} chooses the store: files by default with no database at all, PostgreSQL from spring.datasource. */
class StoreConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void theFileStoreIsTheDefaultAndNeedsNoDatabase() {
        new ApplicationContextRunner().withUserConfiguration(SharingConfiguration.class)
                .withPropertyValues("optlab.data-dir=" + dir).run(c -> {
                    assertThat(c).hasNotFailed();
                    assertThat(c.getBean(Store.class)).isInstanceOf(FileStore.class);
                    assertThat(c).doesNotHaveBean(DataSource.class);
                    assertThat(c.getBean(UploadStore.class)).isSameAs(c.getBean(Store.class).uploads());
                });
    }

    @Test
    void postgresTakesSpringDatasourceAndMigratesTheSchema() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            new ApplicationContextRunner().withUserConfiguration(SharingConfiguration.class)
                    .withPropertyValues("optlab.store=postgres", "optlab.data-dir=" + dir,
                            "spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"),
                            "spring.datasource.username=postgres", "spring.datasource.hikari.maximum-pool-size=3")
                    .run(c -> {
                        assertThat(c).hasNotFailed();
                        assertThat(c.getBean(Store.class)).isInstanceOf(PostgresStore.class);
                        assertThat(c.getBean(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize()).isEqualTo(3);
                        assertThat(new JdbcTemplate(c.getBean(DataSource.class)).queryForObject(
                                "SELECT count(*) FROM flyway_schema_history WHERE success", Long.class)).isEqualTo(2L); // V1, V2
                    });
        }
    }

    @Test
    void aGracefulShutdownKeepsTheDraftsNotYetFlushed() throws Exception {
        String tab = java.util.UUID.randomUUID().toString();
        String owner = org.optlab.experiment.ExperimentStore.newOwnerToken();
        new ApplicationContextRunner().withUserConfiguration(SharingConfiguration.class, SharingService.class)
                .withPropertyValues("optlab.data-dir=" + dir).run(c ->
                        c.getBean(SharingService.class).keepDraft(tab, owner, StoreContractTest.doc("left open")));
        // the context is closed (as at shutdown): the draft reached the files without waiting for the 3-second flush
        SharingService after = new SharingService(FileStore.open(dir, 5_000_000, 50_000_000, 24), 200, 24);
        assertThat(after.draft(tab, owner).document().name()).isEqualTo("left open");
    }

    @Test
    void anUnknownStoreIsRefusedInWords() {
        new ApplicationContextRunner().withUserConfiguration(SharingConfiguration.class)
                .withPropertyValues("optlab.store=mysql", "optlab.data-dir=" + dir).run(c -> {
                    assertThat(c).hasFailed();
                    assertThat(c.getStartupFailure()).rootCause().hasMessage("optlab.store is \"mysql\"; it is either"
                            + " file (saved experiments in optlab.data-dir, the default) or postgres (in the database"
                            + " of spring.datasource.url)");
                });
    }
}
