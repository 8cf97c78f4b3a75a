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

    private static RunData rows(double[] params, double[] tokens) {
        double[] flops = new double[params.length];
        double[] loss = new double[params.length];
        for (int i = 0; i < params.length; i++) {
            flops[i] = 6 * params[i] * tokens[i];
            loss[i] = 1.7 + 400 / Math.pow(params[i], 0.34) + 410 / Math.pow(tokens[i], 0.28);
        }
        return new RunData(params, tokens, flops, loss, null, null);
    }

    /** No approach could run: exit 2 naming the data, not an answer with nothing in it. */
    @Test
    void noApproachToRunIsAnError() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Fits.run(
                rows(new double[] {1e8}, new double[] {2e9}), new FitOptions("all", 0, 0, 1, null, null), 1, ProgressListener.NONE));
        assertEquals("data", e.field());
        assertTrue(e.rule().startsWith("no approach could run: Approach 3 needs at least 6 rows for 5 constants (data was 1 rows); "
                + "Approach 2 needs IsoFLOP groups"), e.rule());
        assertEquals("1 rows", e.value());
    }

    /** One N (or one D) cannot identify A, alpha, B and beta: Approach 3 needs two of each. */
    @Test
    void approachThreeNeedsTwoDistinctSizesAndTokenCounts() {
        double[] oneN = {1e8, 1e8, 1e8, 1e8, 1e8, 1e8};
        double[] sixD = {1e9, 2e9, 4e9, 8e9, 16e9, 32e9};
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Fits.run(rows(oneN, sixD),
                new FitOptions("3", 0, 0, 1, null, null), 1, ProgressListener.NONE));
        // the data is what lacks a second size, so the message names it (--data), not a params option
        assertEquals("data", e.field());
        assertEquals("1 distinct params, 6 distinct tokens", e.value());
        InvalidParameterException d = assertThrows(InvalidParameterException.class, () -> Fits.run(rows(sixD, oneN),
                new FitOptions("3", 0, 0, 1, null, null), 1, ProgressListener.NONE));
        assertEquals("data", d.field());
        double[] twoN = {1e8, 1e8, 1e8, 4e8, 4e8, 4e8};
        double[] twoD = {1e9, 4e9, 16e9, 1e9, 4e9, 16e9};
        assertTrue(Fits.run(rows(twoN, twoD), new FitOptions("3", 0, 0, 1, null, null), 1, ProgressListener.NONE)
                .approach3() != null);
    }
}
