package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** An upload is read within its limit: refused as soon as it passes it, without reading (or keeping) the rest. */
class BoundedUploadTest {

    /** An endless stream of one byte that counts what was read from it. */
    static final class Endless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            read += len;
            return len;
        }
    }

    @Test
    void anUploadPastItsLimitIsRefusedAfterReadingAtMostOneBufferMore() throws Exception {
        Endless endless = new Endless();
        assertNull(BoundedUpload.readAtMost(endless, 20L * 1024 * 1024));
        assertTrue(endless.read <= 20L * 1024 * 1024 + 64 * 1024, "read " + endless.read + " bytes");
        byte[] small = "{\"schemaVersion\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertArrayEquals(small, BoundedUpload.readAtMost(new ByteArrayInputStream(small), small.length));
        assertNull(BoundedUpload.readAtMost(new ByteArrayInputStream(small), small.length - 1));
    }
}
