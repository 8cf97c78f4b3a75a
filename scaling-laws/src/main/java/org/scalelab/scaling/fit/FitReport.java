package org.scalelab.scaling.fit;

import java.util.Map;

/**
 * Everything {@link Fits#run} found.
 *
 * @param rows       rows read
 * @param used       rows left after {@code exclude_top_loss}
 * @param approach3  the parametric fit, or null
 * @param bootstrap3 its bootstrap samples, or null
 * @param approach2  the IsoFLOP fit, or null
 * @param bootstrap2 its bootstrap samples (a, b), or null
 * @param approach1  the envelope fit, or null
 * @param bootstrap1 its bootstrap samples (a, b), or null
 * @param skipped    approaches asked for but not run ("1", "2", "3") and why
 * @param data       the rows used
 */
public record FitReport(int rows, int used,
                        ParametricFitResult approach3, Bootstrap.Samples bootstrap3,
                        IsoFlopFit.Result approach2, Bootstrap.Samples bootstrap2,
                        EnvelopeFit.Result approach1, Bootstrap.Samples bootstrap1,
                        Map<String, String> skipped, RunData data) { }
