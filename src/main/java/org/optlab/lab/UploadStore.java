package org.optlab.lab;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Uploaded CSV files, by the SHA-256 of their bytes, so that a document names them as {@code upload:<sha256>}. Kept in
 * memory, the most recent 64 (a file-based store comes with saving and sharing).
 */
@Component
public class UploadStore {

    private static final int CAPACITY = 64;

    private final Map<String, byte[]> files = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Stores the bytes and returns their reference, {@code upload:<sha256>}. */
    public synchronized String put(byte[] bytes) {
        String sha = sha256(bytes);
        files.put(sha, bytes.clone());
        return "upload:" + sha;
    }

    /** The bytes of {@code upload:<sha256>}, or null. */
    public synchronized byte[] get(String reference) {
        if (reference == null || !reference.startsWith("upload:")) {
            return null;
        }
        byte[] b = files.get(reference.substring("upload:".length()));
        return b == null ? null : b.clone();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
