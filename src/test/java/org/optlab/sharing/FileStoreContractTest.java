package org.optlab.sharing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the file store: a data directory per test. */
class FileStoreContractTest extends StoreContractTest {

    @TempDir
    Path root;
    Path dir;
    int made;

    @Override
    Store freshStore(long maxDocumentBytes) throws Exception {
        dir = Files.createDirectories(root.resolve("data" + made++));
        return FileStore.open(dir, maxDocumentBytes, UPLOAD_QUOTA_BYTES, 24);
    }

    @Override
    Store secondInstance() throws Exception {
        return FileStore.open(dir, MAX_DOCUMENT_BYTES, UPLOAD_QUOTA_BYTES, 24);
    }

    @Override
    void damage(String id) throws Exception {
        Files.writeString(dir.resolve(id + ".json"), "{ half a fi");
    }

}
