package org.optlab.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code java -jar optlab.jar run EXPERIMENT.json [--out RESULT.json]}: runs a document without the web server and writes it
 * back with its results (to stdout without {@code --out}).
 *
 * <p>Exit codes: 0 when the document ran, whatever the runs' statuses (a divergence is a result); 2 when the command line
 * or the document is invalid, with every problem on stderr and nothing written.
 */
public final class HeadlessRunner {

    public static final int OK = 0;
    public static final int INVALID = 2;

    private HeadlessRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Reads a {@code file:<path>} dataset; a relative path is relative to the experiment file's folder, so that a
     * document and its data can move together. {@code upload:} datasets live in the web lab's store.
     */
    static byte[] readFile(Path base, String reference) throws IOException {
        if (!reference.startsWith("file:")) {
            return DatasetResolver.NONE.csv(reference);
        }
        Path path = base.resolve(reference.substring("file:".length()));
        return readBounded(path, org.optlab.dataset.CsvImport.MAX_BYTES);
    }

    /**
     * Reads at most {@code limit} bytes of a regular file: a device ({@code /dev/zero}), a FIFO or a folder is refused
     * before it is opened, and a file that grows past the limit while it is read is refused at the limit.
     */
    static byte[] readBounded(Path path, long limit) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + " is not a regular file");
        }
        String tooLarge = "the file is larger than the " + limit / 1024 / 1024 + " MB limit";
        if (Files.size(path) > limit) {
            throw new IOException(tooLarge);
        }
        try (java.io.InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new IOException(tooLarge);
            }
            return bytes;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("no such file: " + path);
        }
    }

    /** Runs the command; {@code args} starts after the word {@code run}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String input = null;
        String output = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                if (i + 1 >= args.length) {
                    err.println("--out needs a file name");
                    return INVALID;
                }
                output = args[++i];
            } else if (input == null && !args[i].startsWith("--")) {
                input = args[i];
            } else {
                err.println("unexpected argument: " + args[i]);
                err.println("usage: java -jar optlab.jar run EXPERIMENT.json [--out RESULT.json]");
                return INVALID;
            }
        }
        if (input == null) {
            err.println("usage: java -jar optlab.jar run EXPERIMENT.json [--out RESULT.json]");
            return INVALID;
        }
        String json;
        try {
            json = new String(readBounded(Path.of(input), org.optlab.dataset.CsvImport.MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            err.println("cannot read " + input + ": " + e.getMessage());
            return INVALID;
        }
        DocumentReader.Read read;
        try {
            read = DocumentReader.read(json);
        } catch (InvalidDocumentException e) {
            err.println(input + " is not a valid experiment (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + "):");
            for (String p : e.problems()) {
                err.println("  " + p);
            }
            return INVALID;
        }
        for (String note : read.notes()) {
            err.println("note: " + note);
        }
        Path base = Path.of(input).toAbsolutePath().getParent();
        ExperimentPlan plan;
        try {
            plan = ExperimentPlan.prepare(read.document(), reference -> readFile(base, reference));
        } catch (InvalidDocumentException e) {
            err.println(input + " cannot run (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + "):");
            for (String p : e.problems()) {
                err.println("  " + p);
            }
            return INVALID;
        }
        String result = DocumentWriter.write(ExperimentRunner.run(plan, Runtime.getRuntime().availableProcessors()));
        if (output == null) {
            out.println(result);
            return OK;
        }
        try {
            Path target = Path.of(output).toAbsolutePath();
            Path tmp = Files.createTempFile(target.getParent(), ".optlab-", ".tmp");
            Files.writeString(tmp, result + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            err.println("cannot write " + output + ": " + e.getMessage());
            return INVALID;
        }
        return OK;
    }
}
