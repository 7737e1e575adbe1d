package org.optlab.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kernels against the plain triple loop, one term at a time in the contract's order, bit for bit: on every size
 * from 1 to 9 (so every remainder of the four-term and four-row blocking), flat and as arrays of rows.
 */
class KernelsTest {

    private static double[] random(Random random, int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3);
        }
        return v;
    }

    private static double[][] rows(double[] flat, int rows, int columns) {
        double[][] r = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * columns, r[i], 0, columns);
        }
        return r;
    }

    private static void assertRowsEqual(double[] expected, double[][] actual, int rows, int columns) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                assertEquals(Double.doubleToRawLongBits(expected[i * columns + j]), Double.doubleToRawLongBits(actual[i][j]),
                        "entry " + i + ", " + j);
            }
        }
    }

    @Test
    void timesSumsEachEntryFromItsBiasInAscendingK() {
        Random random = new Random(18);
        for (int m = 1; m <= 9; m++) {
            for (int k = 1; k <= 9; k++) {
                for (int n = 1; n <= 9; n++) {
                    double[] a = random(random, m * k);
                    double[] b = random(random, 3 + k * n);
                    double[] bias = random(random, 2 + n);
                    for (boolean withBias : new boolean[] {true, false}) {
                        double[] expected = new double[m * n];
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                double s = withBias ? bias[2 + j] : 0;
                                for (int q = 0; q < k; q++) {
                                    s += a[i * k + q] * b[3 + q * n + j];
                                }
                                expected[i * n + j] = s;
                            }
                        }
                        double[] flat = new double[m * n];
                        Kernels.times(a, m, k, b, 3, n, withBias ? bias : null, 2, flat);
                        assertArrayEquals(expected, flat, m + "×" + k + "×" + n);
                        double[][] c = new double[m][n];
                        double[][] bRows = rows(java.util.Arrays.copyOfRange(b, 3, 3 + k * n), k, n);
                        Kernels.times(rows(a, m, k), m, k, bRows, n, withBias ? bias : null, 2, c);
                        assertRowsEqual(expected, c, m, n);
                    }
                }
            }
        }
    }

    @Test
    void addTransposeTimesAddsTheExamplesInTheirOrderToWhatIsThere() {
        Random random = new Random(81);
        for (int m = 1; m <= 9; m++) {
            for (int n = 1; n <= 9; n++) {
                for (int k = 1; k <= 9; k++) {
                    double[] d = random(random, m * n);
                    double[] a = random(random, m * k);
                    double[] start = random(random, n * k);
                    double[] expected = start.clone();
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            for (int q = 0; q < k; q++) {
                                expected[j * k + q] += d[i * n + j] * a[i * k + q];
                            }
                        }
                    }
                    double[] flat = new double[5 + n * k];
                    System.arraycopy(start, 0, flat, 5, n * k);
                    Kernels.addTransposeTimes(d, m, n, a, k, flat, 5);
                    assertArrayEquals(expected, java.util.Arrays.copyOfRange(flat, 5, 5 + n * k), m + "×" + n + "×" + k);
                    double[][] g = rows(start, n, k);
                    Kernels.addTransposeTimes(rows(d, m, n), m, n, rows(a, m, k), k, g);
                    assertRowsEqual(expected, g, n, k);

                    double[] sums = random(random, 1 + n);
                    double[] expectedSums = sums.clone();
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            expectedSums[1 + j] += d[i * n + j];
                        }
                    }
                    Kernels.addColumnSums(rows(d, m, n), m, n, sums, 1);
                    assertArrayEquals(expectedSums, sums);
                }
            }
        }
    }

    @Test
    void rowsTransposeAndBackAreCopies() {
        double[] a = {9, 1, 2, 3, 4, 5, 6};
        double[][] t = new double[3][2];
        Kernels.transpose(a, 1, 2, 3, t);
        assertArrayEquals(new double[] {1, 4}, t[0]);
        assertArrayEquals(new double[] {3, 6}, t[2]);
        double[][] r = new double[2][3];
        Kernels.rows(a, 1, 2, 3, r);
        assertArrayEquals(new double[] {4, 5, 6}, r[1]);
        double[] back = new double[7];
        Kernels.unrows(r, 2, 3, back, 1);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6}, back);
        double[][] gathered = new double[2][3];
        Kernels.gather(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, new int[] {7, 2, 0}, 1, 2, gathered);
        assertArrayEquals(new double[] {7, 8, 9}, gathered[0]);
        assertArrayEquals(new double[] {1, 2, 3}, gathered[1]);
    }
}
