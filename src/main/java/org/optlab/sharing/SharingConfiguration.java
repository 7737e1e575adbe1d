package org.optlab.sharing;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.optlab.lab.UploadStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store, chosen by {@code optlab.store}: {@code file} (the default: {@code optlab.data-dir}, nothing else needed) or
 * {@code postgres} (the database of {@code spring.datasource.url}, {@code .username}, {@code .password}; the schema
 * is migrated by Flyway at start). Spring Boot's own DataSource and Flyway auto-configuration are excluded in
 * application.properties, so that the file store starts without a database; the DataSource is made here, from the
 * same {@code spring.datasource.*} properties, only for the PostgreSQL store. Only {@link SharingService} uses the store.
 */
@Configuration
@org.springframework.scheduling.annotation.EnableScheduling // SharingService.cleanUploads, once an hour
public class SharingConfiguration {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SharingConfiguration.class);

    @Bean
    public Store store(@Value("${optlab.store:file}") String kind,
                       @Value("${optlab.data-dir:./data}") String dataDir,
                       @Value("${optlab.max-document-mb:5}") double maxDocumentMb,
                       @Value("${optlab.upload-quota-mb:50}") double uploadQuotaMb,
                       @Value("${optlab.upload-retention-hours:24}") long uploadRetentionHours,
                       @Value("${optlab.owner-secret:}") String ownerSecret,
                       ObjectProvider<DataSource> dataSource) throws IOException {
        long maxDocumentBytes = (long) (maxDocumentMb * 1_000_000);
        long uploadQuotaBytes = (long) (uploadQuotaMb * 1_000_000);
        return switch (kind.strip()) {
            case "file" -> FileStore.open(Path.of(dataDir), maxDocumentBytes, uploadQuotaBytes, uploadRetentionHours);
            case "postgres" -> {
                if (ownerSecret.isBlank()) {
                    LOG.warn("optlab.store=postgres without optlab.owner-secret: this instance signs owner cookies with"
                            + " the secret in its own data directory, so other instances will not know its students as"
                            + " owners; give every instance the same optlab.owner-secret");
                }
                DataSource ds = dataSource.getObject();
                PostgresStore.migrate(ds);
                yield new PostgresStore(ds, maxDocumentBytes, uploadQuotaBytes, uploadRetentionHours);
            }
            default -> throw new IllegalStateException("optlab.store is \"" + kind + "\"; it is either file (saved"
                    + " experiments in optlab.data-dir, the default) or postgres (in the database of"
                    + " spring.datasource.url)");
        };
    }

    /** The uploads of the store (the lab resolves {@code upload:<sha256>} datasets through them). */
    @Bean
    public UploadStore uploadStore(Store store) {
        return store.uploads();
    }

    /** The connection pool of the PostgreSQL store, from {@code spring.datasource.*} (and {@code .hikari.*}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "optlab.store", havingValue = "postgres")
    @org.springframework.boot.context.properties.EnableConfigurationProperties
    static class Postgres {

        @Bean
        @ConfigurationProperties("spring.datasource")
        DataSourceProperties dataSourceProperties() {
            return new DataSourceProperties();
        }

        @Bean
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource dataSource(DataSourceProperties properties) {
            return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
    }
}
