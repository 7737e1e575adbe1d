package org.optlab.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.engine.model.Examples;

class PreprocessingAndToysTest {

    @Test
    void toyDatasetsAreSeededAndShaped() {
        for (String id : ToyDatasets.IDS) {
            Dataset a = ToyDatasets.generate(id, 300, ToyDatasets.defaultNoise(id), 3, 4, 7);
            Dataset b = ToyDatasets.generate(id, 300, ToyDatasets.defaultNoise(id), 3, 4, 7);
            Dataset c = ToyDatasets.generate(id, 300, ToyDatasets.defaultNoise(id), 3, 4, 8);
            assertEquals(300, a.size(), id);
            assertArrayEquals(a.x(), b.x(), 0, id + " is seeded");
            assertTrue(!java.util.Arrays.equals(a.x(), c.x()), id + " depends on the seed");
        }
        assertEquals(3, ToyDatasets.generate("spirals", 300, 0.1, 3, 2, 1).classes());
        assertEquals(2, ToyDatasets.generate("spirals", 300, 0.1, 2, 2, 1).classes());
        assertEquals(4, ToyDatasets.generate("blobs", 300, 1, 2, 4, 1).classes());
        assertTrue(!ToyDatasets.generate("sine", 50, 0.1, 2, 2, 1).isClassification());
    }

    @Test
    void theSplitIsStratifiedAndStandardisedWithTrainingStatistics() {
        Dataset iris = BundledDatasets.load("iris");
        Preprocessing.Split s = Preprocessing.split(iris, 0.2, 3);
        assertEquals(120, s.train().size());
        assertEquals(30, s.validation().size());
        int[] perClass = new int[3];
        for (int i = 0; i < 30; i++) {
            perClass[s.validation().label(i)]++;
        }
        assertArrayEquals(new int[] {10, 10, 10}, perClass, "stratified: 20% of each class");
        Examples t = s.train();
        for (int j = 0; j < t.features(); j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < t.size(); i++) {
                mean += t.x(i, j);
            }
            mean /= t.size();
            for (int i = 0; i < t.size(); i++) {
                sq += (t.x(i, j) - mean) * (t.x(i, j) - mean);
            }
            assertEquals(0, mean, 1e-12);
            assertEquals(1, Math.sqrt(sq / t.size()), 1e-12, "population standard deviation 1");
        }
        Preprocessing.Split again = Preprocessing.split(iris, 0.2, 3);
        assertArrayEquals(s.validation().xArray(), again.validation().xArray(), 0, "seeded");
    }

    @Test
    void aConstantColumnBecomesZeroAndNoValidationMeansNull() {
        Dataset d = new Dataset("c", List.of("const", "x"), "y", new double[] {5, 1, 5, 2, 5, 3, 5, 4}, new double[] {1, 2, 3, 4},
                null, List.of());
        Preprocessing.Split s = Preprocessing.split(d, 0, 1);
        assertNull(s.validation());
        for (int i = 0; i < 4; i++) {
            assertEquals(0, s.train().x(i, 0));
        }
    }
}
