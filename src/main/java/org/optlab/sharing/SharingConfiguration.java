package org.optlab.sharing;

import java.io.IOException;
import java.nio.file.Path;
import org.optlab.experiment.ExperimentStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The experiment store in {@code optlab.data-dir} (default ./data), with its size limit; only {@link SharingService} uses it. */
@Configuration
@org.springframework.scheduling.annotation.EnableScheduling // SharingService.cleanUploads, once an hour
public class SharingConfiguration {

    @Bean
    public ExperimentStore experimentStore(@Value("${optlab.data-dir:./data}") String dataDir,
                                           @Value("${optlab.max-document-mb:5}") double maxDocumentMb) throws IOException {
        return new ExperimentStore(Path.of(dataDir), (long) (maxDocumentMb * 1_000_000));
    }
}
