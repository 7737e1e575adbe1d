package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;

/** The codec writes every double in its shortest text that reads back to the same double, bit for bit. */
class DocumentCodecNumbersTest {

    /** Java 17's Double.toString writes 2.82879384806159008E17 and 9.999999999999999E22 for two of these. */
    static final double[] NUMBERS = {0.1, 1.0 / 3, Math.PI, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 1e23,
        2.82879384806159E17, 0.002, -7.5e-8, 123456789.0};

    @Test
    void everyDoubleIsWrittenInItsShortestTextThatReadsBackBitForBit() {
        for (double x : NUMBERS) {
            ExperimentDocument d = new ExperimentDocument(1, "numbers", 1L, 10, null,
                    ProblemSpec.function("quadratic", null),
                    List.of(OptimizerSpec.of("GD", Algorithm.SGD).with(Hyper.LEARNING_RATE, x)), null, null);
            String json = DocumentCodec.writeCompact(d);
            Matcher m = Pattern.compile("\"learningRate\":([-0-9.E]+)").matcher(json);
            m.find();
            String text = m.group(1);
            assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
            int digits = significantDigits(text);
            if (digits > 2) { // Java's form d.dE±n has two digits at least (Double.MIN_VALUE: 4.9E-324)
                String shorter = String.format(Locale.ROOT, "%." + (digits - 2) + "E", x);
                assertNotEquals(x, Double.parseDouble(shorter), text + " has more digits than " + shorter);
            }
        }
    }

    private static int significantDigits(String number) {
        String mantissa = number.split("E")[0].replace("-", "").replace(".", "");
        return mantissa.replaceAll("^0+", "").replaceAll("0+$", "").length();
    }
}
