package org.optlab.sharing;

/**
 * Why a sharing operation did not happen, in the student's words ({@link #getMessage()} is what a view shows). The kinds
 * are closed: an experiment that is not there ({@link Missing}), one that is there but cannot be read
 * ({@link Unreadable}), a request that is refused ({@link Refused}: not the owner, a limit), a document that is not a
 * valid experiment ({@link Invalid}, on import), and a disk that failed ({@link Failed}).
 */
public abstract sealed class SharingException extends Exception
        permits SharingException.Missing, SharingException.Unreadable, SharingException.Refused,
        SharingException.Invalid, SharingException.Failed {

    private SharingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No experiment with this link: never saved, deleted, or a link that was not copied whole. */
    public static final class Missing extends SharingException {
        Missing() {
            super("there is no experiment with this link: it was deleted, or the link was not copied whole", null);
        }
    }

    /** The experiment's file is there but cannot be read; {@link #reason()} says why. */
    public static final class Unreadable extends SharingException {
        private final String reason;

        Unreadable(String reason) {
            super("this saved experiment cannot be read: " + reason, null);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The request is refused and nothing changed; {@link #reason()} says which rule. */
    public static final class Refused extends SharingException {

        /** The rule that refused. */
        public enum Reason { NOT_OWNER, QUOTA, TOO_LARGE, NO_OWNER, UPLOAD_QUOTA }

        private final Reason reason;

        private Refused(Reason reason, String message) {
            super(message, null);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }

        static Refused notOwner() {
            return new Refused(Reason.NOT_OWNER, "you are not the owner of this experiment: only the browser that saved"
                    + " it can rename or delete it (Copy to my lab makes a copy of your own)");
        }

        static Refused quota(int owned, int limit) {
            return new Refused(Reason.QUOTA, "you have " + owned + " saved experiments; the limit per person is " + limit
                    + " (optlab.max-experiments-per-owner): delete some in My experiments first");
        }

        static Refused tooLarge(String sizes) {
            return new Refused(Reason.TOO_LARGE, sizes + " (optlab.max-document-mb): record fewer points (raise"
                    + " recordEvery) or fewer steps");
        }

        static Refused uploadQuota(long usedBytes, long uploadBytes, long limitBytes, long retentionHours) {
            return new Refused(Reason.UPLOAD_QUOTA, "your uploads on this server take " + size(usedBytes)
                    + "; this file (" + size(uploadBytes) + ") would pass the " + size(limitBytes) + " each person may"
                    + " keep (optlab.upload-quota-mb): delete saved experiments whose data you no longer need; an upload"
                    + " no saved experiment uses is removed " + retentionHours + " hours after it was last used");
        }

        private static String size(long bytes) {
            return bytes < 1_000 ? bytes + " bytes" : bytes < 1_000_000
                    ? String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1e3)
                    : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
        }

        static Refused noOwner() {
            return new Refused(Reason.NO_OWNER, "this browser has no owner cookie: cookies must be enabled to save"
                    + " experiments");
        }
    }

    /** An imported file that is not a valid experiment, with every problem found. */
    public static final class Invalid extends SharingException {
        Invalid(String message) {
            super(message, null);
        }
    }

    /** The disk failed; the message says what is unchanged. */
    public static final class Failed extends SharingException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
