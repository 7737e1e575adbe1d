package org.optlab.experiment;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The file handling the experiment store and the upload store share: files written so that readers never see them
 * half-written, and SHA-256 names.
 */
public final class StoreFiles {

    private StoreFiles() {
    }

    /** What goes into a file: written to the stream it is given (which it must not close). */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code bytes} to {@code target}: to a temporary file beside it first, forced to disk, then renamed over the
     * target (atomically where the file system can). A failure leaves the previous version in place and no temporary
     * file behind.
     *
     * @param beforeRename run between the forced write and the rename (tests simulate a crash there)
     */
    public static void writeAtomically(Path target, byte[] bytes, Runnable beforeRename) throws IOException {
        writeAtomically(target, out -> out.write(bytes), beforeRename);
    }

    /**
     * As {@link #writeAtomically(Path, byte[], Runnable)}, with the content streamed into the temporary file (no copy of
     * it held in memory); when {@code content} throws, nothing is renamed and the temporary file is deleted.
     */
    public static void writeAtomically(Path target, Content content, Runnable beforeRename) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".saving-", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            beforeRename.run();
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover .tmp file is never read as an experiment or an upload
                }
            }
        }
    }

    /** The SHA-256 of {@code bytes} as 64 lowercase hex digits (upload references, owner-token hashes). */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
