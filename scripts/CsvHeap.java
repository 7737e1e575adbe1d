import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.optlab.dataset.CsvImport;
import org.optlab.dataset.Dataset;

/**
 * The CSV import's heap and time, as the README quotes them (scripts/csv-heap.sh runs it).
 * {@code generate FILE}: 20 MB of header a,…,s,y and rows of 19 gaussians {@code %.5f} and a class 0–2.
 * {@code dense FILE}: 20 MB of rows of 1,000 one-digit cells, the most values a file of that size can hold.
 * {@code read FILE}: columns + read, as an upload does (exit 0 when it fits the heap).
 * {@code time FILE}: the same five times after two warm-ups, each in ms, and the median.
 */
public final class CsvHeap {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> generate(file, false);
            case "dense" -> generate(file, true);
            case "read" -> System.out.println(read(Files.readAllBytes(file)).summary());
            case "time" -> {
                byte[] bytes = Files.readAllBytes(file);
                read(bytes);
                read(bytes);
                long[] ms = new long[5];
                for (int i = 0; i < ms.length; i++) {
                    long t0 = System.nanoTime();
                    read(bytes);
                    ms[i] = (System.nanoTime() - t0) / 1_000_000;
                }
                System.out.println(Arrays.toString(ms) + " ms, median " + Arrays.stream(ms).sorted().toArray()[2] + " ms");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static Dataset read(byte[] bytes) throws Exception {
        CsvImport.columns(bytes);
        return CsvImport.read("big.csv", bytes, null, CsvImport.Task.AUTO);
    }

    static void generate(Path file, boolean dense) throws Exception {
        long limit = 20L * 1024 * 1024 - 4096;
        StringBuilder sb = new StringBuilder();
        Random random = new Random(1);
        if (dense) {
            for (int c = 0; c < 1000; c++) {
                sb.append(c == 0 ? "" : ",").append("c").append(c);
            }
            sb.append('\n');
            while (sb.length() + 2000 < limit) {
                for (int c = 0; c < 1000; c++) {
                    sb.append(c == 0 ? "" : ",").append(c == 999 ? random.nextInt(3) : random.nextInt(10));
                }
                sb.append('\n');
            }
        } else {
            sb.append("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,y\n");
            while (sb.length() + 200 < limit) {
                for (int c = 0; c < 19; c++) {
                    sb.append(String.format(Locale.ROOT, "%.5f,", random.nextGaussian()));
                }
                sb.append(random.nextInt(3)).append('\n');
            }
        }
        Files.writeString(file, sb);
    }
}
