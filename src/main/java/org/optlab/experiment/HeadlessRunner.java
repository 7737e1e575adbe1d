package org.optlab.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code java -jar optlab.jar run EXPERIMENT.json [--out RESULT.json]}: runs a document without the web server and writes it
 * back with its results (to stdout without {@code --out}).
 *
 * <p>After the run it prints a summary, one line per optimizer under a header: its label, how it ended, the step of its
 * last record and the loss there ({@link #summary}). With {@code --out} the summary goes to stdout (the document is in the
 * file); without it, to stderr, so that stdout holds the result document and nothing else and can be piped to a JSON tool.
 *
 * <p>A document with a {@code sweep} section runs its learning-rate sweep instead ({@link Sweep}): the output is a
 * {@link SweepReport} (the grid, and per optimizer each ε's final and best loss and divergence), and the summary gives each
 * optimizer's best ε. A document with a {@code seeds} section runs once per seed ({@link Seeds}): the output is a
 * {@link SeedsReport} (per optimizer each seed's end and the band over the seeds), and the summary gives each optimizer's
 * final loss as mean ± sd over the seeds.
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
        String result;
        List<String> summary;
        if (read.document().sweep() != null) {
            // a sweep section: the grid of runs instead of the document's one run per optimizer
            Sweep sweep;
            try {
                sweep = Sweep.of(plan);
            } catch (InvalidDocumentException e) {
                err.println(input + " cannot sweep (" + e.problems().size() + " problem"
                        + (e.problems().size() == 1 ? "" : "s") + "):");
                e.problems().forEach(p -> err.println("  " + p));
                return INVALID;
            }
            int threads = Runtime.getRuntime().availableProcessors();
            long start = System.nanoTime();
            SweepReport report = SweepReport.of(sweep, sweep.runAll(threads));
            double seconds = (System.nanoTime() - start) / 1e9;
            result = report.json();
            summary = new ArrayList<>(report.summary());
            summary.add(String.format(Locale.ROOT, "%d runs (%,d updates at most) in %.2f s on %d threads",
                    sweep.size(), sweep.updates(), seconds, threads));
        } else if (read.document().seeds() != null) {
            // a seeds section: the document once per seed, and each optimizer's band over the seeds
            Seeds seeds;
            try {
                seeds = Seeds.of(plan);
            } catch (InvalidDocumentException e) {
                err.println(input + " cannot run its seeds (" + e.problems().size() + " problem"
                        + (e.problems().size() == 1 ? "" : "s") + "):");
                e.problems().forEach(p -> err.println("  " + p));
                return INVALID;
            }
            int threads = Runtime.getRuntime().availableProcessors();
            long start = System.nanoTime();
            SeedsReport report = SeedsReport.of(seeds, seeds.runAll(threads));
            double seconds = (System.nanoTime() - start) / 1e9;
            result = report.json();
            summary = new ArrayList<>(report.summary());
            summary.add(String.format(Locale.ROOT, "%d runs (%,d updates at most) in %.2f s on %d threads",
                    seeds.size(), seeds.updates(), seconds, threads));
        } else {
            ExperimentDocument ran = ExperimentRunner.run(plan, Runtime.getRuntime().availableProcessors());
            result = DocumentWriter.write(ran);
            summary = summary(ran);
        }
        if (output == null) {
            out.println(result);
            summary.forEach(err::println);
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
        summary.forEach(out::println);
        return OK;
    }

    /**
     * The run in a few lines: a header, then one line per optimizer with its label, status, the step of its last record
     * (the updates made, or for a divergence the last step whose loss was finite) and the loss there, in aligned columns
     * (text left, numbers right); a run that ended abnormally (diverged, singular Hessian, stopped) adds its message,
     * which says when and why.
     */
    static List<String> summary(ExperimentDocument ran) {
        String[] header = {"optimizer", "status", "steps", "final loss"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        List<String> messages = new ArrayList<>();
        messages.add("");
        for (ExperimentDocument.OptimizerResult r : ran.results()) {
            int last = r.steps().length - 1;
            // a run whose very first loss was not finite has no record: its message says so
            rows.add(new String[] {r.label(), r.status(), last < 0 ? "-" : Long.toString(r.steps()[last]),
                last < 0 ? "-" : loss(r.loss()[last])});
            // completed and converged say it all in their columns; a divergence, a singular Hessian or a stop says why
            boolean plain = "completed".equals(r.status()) || "converged".equals(r.status());
            messages.add(plain || r.message() == null ? "" : r.message());
        }
        int[] width = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            String line = pad(row[0], width[0], false) + "  " + pad(row[1], width[1], false) + "  "
                    + pad(row[2], width[2], true) + "  " + pad(row[3], width[3], true);
            lines.add(messages.get(i).isEmpty() ? line.stripTrailing() : line + "  " + messages.get(i));
        }
        return lines;
    }

    private static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - text.length()));
        return right ? fill + text : text + fill;
    }

    /**
     * A loss with 6 significant digits: plainly from 10⁻⁴ up to 10⁶ (trailing zeros dropped: 5.91874, 0.5, 1234.57),
     * else in scientific notation (2.98816e-05, 1.13400e+07).
     */
    static String loss(double x) {
        double a = Math.abs(x);
        if (a == 0 || !Double.isFinite(x)) {
            return a == 0 ? "0" : Double.toString(x);
        }
        if (a >= 1e-4 && a < 1e6) {
            return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", x);
    }
}
