package org.optlab.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An upload (a CSV, an experiment to import) read within bounds before anything of it is kept: at most
 * {@value #READING_AT_ONCE} uploads are read and handed on at once on the whole server (the others are told to try again,
 * having cost nothing but their request), each is read from the request's stream into at most {@code maxBytes} and
 * refused in words beyond, and the tab gets the bytes while the permit is held, so that what it makes of them (a
 * string, a parsed document) is made by at most {@value #READING_AT_ONCE} uploads at a time. Vaadin's in-memory
 * handler, which this replaces, buffered every upload whole (twice) before any check: six 20 MB imports at once took a
 * 512 MB server out of memory (README, "Abuse suite").
 */
final class BoundedUpload implements UploadHandler {

    static final int READING_AT_ONCE = 2;
    /** Server-wide: the uploads being read and handed on now. */
    private static final Semaphore READING = new Semaphore(READING_AT_ONCE);

    private final long maxBytes;
    private final BiConsumer<String, byte[]> received;
    private final Consumer<String> refused;

    /**
     * @param received told the file's name and bytes, in the tab's UI (its session locked)
     * @param refused  told why the upload was not taken, in the tab's UI
     */
    BoundedUpload(long maxBytes, BiConsumer<String, byte[]> received, Consumer<String> refused) {
        this.maxBytes = maxBytes;
        this.received = received;
        this.refused = refused;
    }

    @Override
    public long getFileSizeMax() {
        return maxBytes;
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        UI ui = event.getUI();
        String name = event.getFileName();
        if (event.getFileSize() > maxBytes) {
            ui.access(() -> refused.accept(tooLarge(name, event.getFileSize())));
            return;
        }
        boolean admitted;
        try {
            admitted = READING.tryAcquire(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!admitted) {
            ui.access(() -> refused.accept(name + ": the server is reading other large files right now; try again in a"
                    + " moment"));
            return;
        }
        try {
            byte[] bytes = readAtMost(event.getInputStream(), maxBytes);
            if (bytes == null) {
                ui.access(() -> refused.accept(tooLarge(name, -1)));
                return;
            }
            ui.accessSynchronously(() -> received.accept(name, bytes));
        } finally {
            READING.release();
        }
    }

    private String tooLarge(String name, long size) {
        return String.format(Locale.ROOT, "%s: the file is %s; the limit is %d MB", name,
                size > 0 ? String.format(Locale.ROOT, "%.1f MB", size / 1024.0 / 1024.0) : "larger than that",
                maxBytes / 1024 / 1024);
    }

    /** The stream's bytes, or null as soon as there are more than {@code max}. */
    static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > max) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }
}
