package org.scalelab.reports.scaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalelab.scaling.Chinchilla;
import org.scalelab.scaling.fit.Bootstrap;
import org.scalelab.scaling.fit.FitReport;
import org.scalelab.scaling.fit.IsoFlopFit;
import org.scalelab.scaling.fit.ParametricFitResult;

/**
 * The JSON of {@code scalelab scaling fit}: the headline first, the exponents a and b of
 * N_opt ∝ C^a and D_opt ∝ C^b from the first approach that ran (3, else 2, else 1, named by
 * {@code approach}), then {@code {"data": {"rows", "used"}, "approaches": {"3": …, "2": …, "1": …}}}.
 */
public record FitJson(String approach, double a, double b, DataRows data, Map<String, Object> approaches) {

    /** Rows read and rows used after {@code --exclude-top-loss}. */
    public record DataRows(int rows, int used) { }

    /**
     * Approach 3 (Hoffmann et al. 2022 §3.3): L = E + A/N^α + B/D^β; a = β/(α+β), b = α/(α+β);
     * objective = summed Huber (δ = 1e-3) on log-loss; {@code ci} = 2.5 % and 97.5 % bootstrap bounds.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Approach3(@JsonProperty("E") double e, @JsonProperty("A") double a, @JsonProperty("B") double b,
                            @JsonProperty("alpha") double alpha, @JsonProperty("beta") double beta,
                            @JsonProperty("a") double paramsExponent, @JsonProperty("b") double tokensExponent,
                            @JsonProperty("objective") double objective, @JsonProperty("starts") int starts,
                            @JsonProperty("predict_at_flops") Double predictAtFlops, @JsonProperty("params_opt") Double paramsOpt,
                            @JsonProperty("tokens_opt") Double tokensOpt,
                            @JsonProperty("bootstrap") Integer bootstrap, @JsonProperty("seed") Long seed,
                            @JsonProperty("ci") Map<String, double[]> ci) { }

    /** Approach 2 or 1: exponents, coefficients of N_opt = k·C^a and D_opt = k·C^b, the points fitted, bootstrap CIs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PowerLaws(@JsonProperty("a") double a, @JsonProperty("b") double b,
                            @JsonProperty("params_coefficient") double paramsCoefficient,
                            @JsonProperty("tokens_coefficient") double tokensCoefficient,
                            @JsonProperty("groups") Integer groups, @JsonProperty("skipped_groups") Integer skippedGroups,
                            @JsonProperty("runs") Integer runs,
                            @JsonProperty("predict_at_flops") Double predictAtFlops, @JsonProperty("params_opt") Double paramsOpt,
                            @JsonProperty("tokens_opt") Double tokensOpt,
                            @JsonProperty("bootstrap") Integer bootstrap, @JsonProperty("seed") Long seed,
                            @JsonProperty("ci") Map<String, double[]> ci,
                            @JsonProperty("minima") List<IsoFlopFit.Minimum> minima) { }

    /** Builds the JSON view of a report. */
    public static FitJson of(FitReport r, Double predictAtFlops) {
        Map<String, Object> approaches = new LinkedHashMap<>();
        if (r.approach3() != null) {
            ParametricFitResult f = r.approach3();
            Double nOpt = predictAtFlops == null ? null : Chinchilla.optimalParams(f.constants(), predictAtFlops);
            Double dOpt = predictAtFlops == null ? null : Chinchilla.optimalTokens(f.constants(), predictAtFlops);
            Bootstrap.Samples s = r.bootstrap3();
            approaches.put("3", new Approach3(f.e(), f.a(), f.b(), f.alpha(), f.beta(), f.paramsExponent(), f.tokensExponent(),
                    f.objective(), f.starts(), predictAtFlops, nOpt, dOpt,
                    s == null ? null : s.replicates(), s == null ? null : s.seed(), s == null ? null : s.intervals(0.025)));
        }
        if (r.approach2() != null) {
            var f = r.approach2();
            Bootstrap.Samples s = r.bootstrap2();
            approaches.put("2", new PowerLaws(f.a(), f.b(), f.paramsLaw().coefficient(), f.tokensLaw().coefficient(),
                    f.minima().size(), f.skippedGroups(), null, predictAtFlops,
                    predictAtFlops == null ? null : f.paramsLaw().at(predictAtFlops),
                    predictAtFlops == null ? null : f.tokensLaw().at(predictAtFlops),
                    s == null ? null : s.replicates(), s == null ? null : s.seed(), s == null ? null : s.intervals(0.025), f.minima()));
        }
        if (r.approach1() != null) {
            var f = r.approach1();
            Bootstrap.Samples s = r.bootstrap1();
            approaches.put("1", new PowerLaws(f.a(), f.b(), f.paramsLaw().coefficient(), f.tokensLaw().coefficient(),
                    null, null, f.runs(), predictAtFlops,
                    predictAtFlops == null ? null : f.paramsLaw().at(predictAtFlops),
                    predictAtFlops == null ? null : f.tokensLaw().at(predictAtFlops),
                    s == null ? null : s.replicates(), s == null ? null : s.seed(), s == null ? null : s.intervals(0.025), null));
        }
        String first = approaches.keySet().iterator().next();
        Object f = approaches.get(first);
        double a = f instanceof Approach3 a3 ? a3.paramsExponent() : ((PowerLaws) f).a();
        double b = f instanceof Approach3 a3 ? a3.tokensExponent() : ((PowerLaws) f).b();
        return new FitJson(first, a, b, new DataRows(r.rows(), r.used()), approaches);
    }
}
