package org.optlab.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dense kernels' results pinned bit for bit: the runs of {@link DenseGolden} must reproduce
 * {@code golden/dense-runs.txt} exactly (every recorded loss and the final θ, as the bits of each double), in this JVM and
 * in JVMs forked with {@code -XX:UseAVX=0} (SSE only), {@code -XX:UseAVX=2} and the default (here AVX-512): the summation
 * order of every sum is fixed by the code, not by the vector width. A flag the JVM refuses on this CPU is skipped, and the
 * test output says so.
 */
class DenseGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/dense-runs.txt");

    static List<String> golden() throws Exception {
        return Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
    }

    static void assertSameLines(List<String> expected, List<String> actual, String where) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), where + ": first difference at line " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), where + ": number of lines");
    }

    @Test
    void theRunsReproduceTheGoldenBitsInThisJvm() throws Exception {
        assertSameLines(golden(), DenseGolden.lines(), "this JVM");
    }

    @Test
    void theRunsAreBitIdenticalUnderEveryVectorInstructionSet() throws Exception {
        List<String> expected = golden();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        int compared = 0;
        for (String flag : new String[] {"-XX:UseAVX=0", "-XX:UseAVX=2", null}) {
            String name = flag == null ? "the default" : flag;
            if (flag != null && !accepted(java, flag)) {
                System.out.println("DenseGoldenTest: skipped " + flag + ": this JVM refuses it on this CPU");
                continue;
            }
            List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto"));
            if (flag != null) {
                command.add(flag);
            }
            command.addAll(List.of("-cp", classpath, DenseGolden.class.getName()));
            File out = File.createTempFile("dense-golden", ".txt");
            try {
                long start = System.nanoTime();
                Process p = new ProcessBuilder(command).redirectOutput(out)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), name + ": the forked JVM did not finish");
                assertEquals(0, p.exitValue(), name + ": the forked JVM failed");
                assertSameLines(expected, Files.readAllLines(out.toPath(), StandardCharsets.UTF_8), name);
                System.out.printf("DenseGoldenTest: %s bit-identical to the golden file (%.1f s)%n", name,
                        (System.nanoTime() - start) / 1e9);
                compared++;
            } finally {
                Files.deleteIfExists(out.toPath());
            }
        }
        assertTrue(compared >= 2, "at least the default and one other instruction set compared");
    }

    private static boolean accepted(String java, String flag) throws Exception {
        Process p = new ProcessBuilder(java, flag, "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
