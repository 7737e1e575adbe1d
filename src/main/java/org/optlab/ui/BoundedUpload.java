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
import org.optlab.lab.LabService;

/**
 * An upload (a CSV, an experiment to import) read within bounds before anything of it is kept: at most
 * {@value #READING_AT_ONCE} uploads, and one larger than {@link #LARGE_BYTES}, are read and handed on at once on the
 * whole server (the others are told to try again,
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
    /**
     * Files larger than this (or of a size the browser did not say) are read and handed on one at a time: what a tab
     * makes of a 20 MB import (its text, the document, the embedded data parsed and checked) is several times 20 MB.
     */
    static final long LARGE_BYTES = 1024 * 1024;
    /** Server-wide: the large upload being read and handed on now. */
    private static final Semaphore READING_LARGE = new Semaphore(1);

    private final long maxBytes;
    private final int heapPerByte;
    private final Reserve reserve;
    private final BiConsumer<String, byte[]> received;
    private final Consumer<String> refused;

    /** Reserves heap of the server's memory budget ({@link LabService#reserve}). */
    @FunctionalInterface
    interface Reserve {
        LabService.Reservation reserve(long bytes) throws LabService.MemoryTaken;
    }

    /**
     * @param heapPerByte what reading and handling the file takes of the heap per byte of it: that much of the server's
     *                    memory budget is reserved from before it is read until {@code received} returns
     * @param received    told the file's name and bytes, in the tab's UI (its session locked)
     * @param refused     told why the upload was not taken, in the tab's UI
     */
    BoundedUpload(long maxBytes, int heapPerByte, Reserve reserve, BiConsumer<String, byte[]> received,
            Consumer<String> refused) {
        this.maxBytes = maxBytes;
        this.heapPerByte = heapPerByte;
        this.reserve = reserve;
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
        long size = event.getFileSize();
        Semaphore[] permits = size < 0 || size > LARGE_BYTES ? new Semaphore[] {READING_LARGE, READING}
                : new Semaphore[] {READING};
        int held = 0;
        try {
            for (Semaphore permit : permits) { // always the large-file permit first: no two uploads wait on each other
                if (!permit.tryAcquire(3, TimeUnit.SECONDS)) {
                    ui.access(() -> refused.accept(name + ": the server is reading other large files right now; try"
                            + " again in a moment"));
                    return;
                }
                held++;
            }
            // counted in the memory budget with the experiments, from before the first byte is read until it is handled
            try (LabService.Reservation heap = reserve.reserve((size < 0 ? maxBytes : size) * heapPerByte)) {
                byte[] bytes = readAtMost(event.getInputStream(), maxBytes, size);
                if (bytes == null) {
                    ui.access(() -> refused.accept(tooLarge(name, -1)));
                    return;
                }
                ui.accessSynchronously(() -> received.accept(name, bytes));
            } catch (LabService.MemoryTaken e) {
                ui.access(() -> refused.accept(name + ": " + e.getMessage()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (int i = held - 1; i >= 0; i--) {
                permits[i].release();
            }
        }
    }

    private String tooLarge(String name, long size) {
        return String.format(Locale.ROOT, "%s: the file is %s; the limit is %d MB", name,
                size > 0 ? String.format(Locale.ROOT, "%.1f MB", size / 1024.0 / 1024.0) : "larger than that",
                maxBytes / 1024 / 1024);
    }

    /**
     * The stream's bytes, or null as soon as there are more than {@code max}. When the browser said the size
     * ({@code declared}, else -1), they are read into one array of that size, without a growing buffer and its copy (a
     * third of the memory); a stream that holds more than it said is read on within {@code max}.
     */
    static byte[] readAtMost(InputStream in, long max, long declared) throws IOException {
        if (declared < 0 || declared > max) {
            return readAtMost(in, max);
        }
        byte[] exact = new byte[(int) declared];
        int filled = 0;
        while (filled < exact.length) {
            int n = in.read(exact, filled, exact.length - filled);
            if (n < 0) {
                in.close();
                return java.util.Arrays.copyOf(exact, filled);
            }
            filled += n;
        }
        int next = in.read();
        if (next < 0) {
            in.close();
            return exact;
        }
        return readAtMost(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(exact),
                new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(new byte[] {(byte) next}), in)), max);
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
