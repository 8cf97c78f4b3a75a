package org.scalelab.scaling.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.ProgressListener;
import org.scalelab.scaling.Law;
import org.scalelab.scaling.data.RunCsv;

/** Reproducibility inside one JVM, bounds on the inputs, and degenerate data. */
class FitLimitsTest {

    /**
     * The first fit runs mostly interpreted, the later ones JIT-compiled: with the default
     * (StrictMath) objective every one gives the same bits, and so does a bootstrap.
     */
    @Test
    void repeatedFitsInOneJvmAreBitIdentical() {
        RunData epoch = RunCsv.Dataset.EPOCH_CHINCHILLA.read().excludeTopLoss(5);
        FitOptions options = new FitOptions("3", 0, 20, 7, 1e24, null);
        FitReport first = Fits.run(epoch, options, 2, ProgressListener.NONE);
        FitReport again = Fits.run(epoch, options, 2, ProgressListener.NONE);
        assertEquals(first.approach3(), again.approach3());
        first.bootstrap3().values().forEach((k, v) -> assertTrue(Arrays.equals(v, again.bootstrap3().values().get(k)), k));
    }

    @Test
    void inputsFarOutsideAnyLawAreRejectedNamingTheInput() {
        assertEquals("compute_flops", assertThrows(InvalidParameterException.class,
                () -> Law.EPOCH.optimum(1e-300)).field());
        assertEquals("params", assertThrows(InvalidParameterException.class,
                () -> Law.EPOCH.optimumForParams(1e308)).field());
        assertEquals("params", assertThrows(InvalidParameterException.class,
                () -> Law.KAPLAN.loss(1e-300, 1.4e12)).field());
        for (Law law : Law.values()) {
            // Every law answers at both ends of the accepted ranges with finite positive numbers.
            for (double c : new double[] {Law.MIN_FLOPS, Law.MAX_FLOPS}) {
                Law.LawOptimum o = law.optimum(c);
                assertTrue(o.params() > 0 && Double.isFinite(o.params()) && o.tokens() > 0 && Double.isFinite(o.tokens()),
                        law + " " + c);
            }
            Double loss = law.loss(Law.MIN_PARAMS, Law.MAX_TOKENS);
            assertTrue(loss == null || loss > 0 && Double.isFinite(loss), law + " " + loss);
        }
        assertEquals("bootstrap", assertThrows(InvalidParameterException.class,
                () -> new FitOptions("3", 0, 100_000, 1, null, null)).field());
    }

    @Test
    void identicalRowsGiveAnAnswerOrANamedRejection() {
        int n = 12;
        double[] params = new double[n];
        double[] tokens = new double[n];
        double[] flops = new double[n];
        double[] loss = new double[n];
        Arrays.fill(params, 1e8);
        Arrays.fill(tokens, 2e9);
        Arrays.fill(flops, 1.2e18);
        Arrays.fill(loss, 3.1);
        String[] run = new String[n];
        Arrays.fill(run, "r");
        RunData same = new RunData(params, tokens, flops, loss, run, flops.clone());
        for (String approach : FitOptions.APPROACHES) {
            try {
                FitReport r = Fits.run(same, new FitOptions(approach, 0, 5, 1, null, null), 1, ProgressListener.NONE);
                if (r.approach3() != null) {
                    assertTrue(Double.isFinite(r.approach3().e()), r.approach3().toString());
                }
            } catch (InvalidParameterException e) {
                assertTrue(!e.field().isEmpty() && !e.rule().isEmpty(), e.getMessage());
            }
        }
    }
}
