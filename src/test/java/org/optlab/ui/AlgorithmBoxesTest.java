package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.optlab.engine.Algorithm;

/** The boxes the cards show are the ones in the optimizer classes' Javadoc, line for line. */
class AlgorithmBoxesTest {

    static final Map<Algorithm, String> CLASSES = Map.of(Algorithm.SGD, "Sgd", Algorithm.MOMENTUM, "Momentum",
            Algorithm.NESTEROV, "Nesterov", Algorithm.ADAGRAD, "AdaGrad", Algorithm.RMSPROP, "RmsProp",
            Algorithm.RMSPROP_NESTEROV, "RmsPropNesterov", Algorithm.ADAM, "Adam", Algorithm.NEWTON, "Newton",
            Algorithm.DAMPED_NEWTON, "DampedNewton");

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theDialogShowsTheJavadocBox(Algorithm a) throws Exception {
        String source = Files.readString(Path.of("src/main/java/org/optlab/engine/" + CLASSES.get(a) + ".java"));
        String box = AlgorithmBoxes.box(a.id());
        assertFalse(box.isBlank(), a.id());
        for (String line : box.split("\n")) {
            assertTrue(source.contains(" * " + line.replace("<", "&lt;").replace(">", "&gt;"))
                    || source.contains(" * " + line), a.id() + ": \"" + line + "\" is in the Javadoc");
        }
        assertTrue(AlgorithmBoxes.title(a.id()).contains(a.lecture()) || a == Algorithm.DAMPED_NEWTON, a.id());
    }
}
