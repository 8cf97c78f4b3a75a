package org.scalelab.reports.scaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.concurrent.Callable;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutputOptions;
import org.scalelab.scaling.Law;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalelab scaling optimal}: the compute-optimal parameters and tokens for a budget (or the budget for a size). */
@Command(name = "optimal", mixinStandardHelpOptions = true,
        description = "Compute-optimal model size and training tokens for a FLOP budget under a published law, "
                + "or (with --params) the budget at which a model size is optimal.",
        footer = {"", "Example:", "  scalelab scaling optimal --compute-flops 5.76e23 --law chinchilla-tex --format json"})
public final class OptimalCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--compute-flops", paramLabel = "C", description = "Training compute budget, FLOPs (e.g. 5.76e23). Required, unless --params is given.")
    Double computeFlops;

    @Option(names = "--params", paramLabel = "N",
            description = "Instead of a budget: a model size (parameters, in the law's convention); prints the budget and tokens that make it optimal. Default: none.")
    Double params;

    @Option(names = "--law", paramLabel = "LAW", defaultValue = "epoch",
            completionCandidates = LawNames.class,
            description = "One of ${COMPLETION-CANDIDATES}."
                    + " chinchilla is Hoffmann et al.'s Approach 3 with the rounded Eq. 10 constants (about 98 tokens per"
                    + " parameter at 1e24 FLOPs); chinchilla-approach1/2 are their Approaches 1 and 2 (about 20-25)."
                    + " Default: ${DEFAULT-VALUE}.")
    String law;

    /**
     * The JSON of {@code optimal}.
     *
     * @param law            the law's name
     * @param computeFlops   FLOPs
     * @param params         parameters in the law's convention ({@code params_meaning})
     * @param tokens         training tokens
     * @param tokensPerParam D/N
     * @param loss           nats per token, null where the law has none
     * @param flopsPerToken  DeepSeek's M (non-embedding FLOPs per token); only for deepseek
     * @param paramsMeaning  which parameters {@code params} counts
     * @param lawDescription what the law is and how its allocation differs from the others'
     * @param fittedRange    the range of runs the law was fitted on, with its source
     * @param extrapolation  the warning when the answer lies outside that range, else absent
     */
    public record Result(String law, double computeFlops, double params, double tokens, double tokensPerParam, Double loss,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double flopsPerToken, String paramsMeaning,
                         String lawDescription, String fittedRange,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String extrapolation) {
        static Result of(Law.LawOptimum o) {
            return new Result(o.law().key(), o.computeFlops(), o.params(), o.tokens(), o.tokensPerParam(), o.loss(),
                    o.flopsPerToken(), o.law().paramsMeaning(), o.law().description(), o.law().fittedRange().describe(),
                    o.law().extrapolation(o).orElse(null));
        }
    }

    @Override
    public Integer call() {
        Law l = Law.byName("law", law);
        if ((computeFlops == null) == (params == null)) {
            throw new InvalidParameterException("give exactly one of --compute-flops and --params");
        }
        Law.LawOptimum o = computeFlops != null ? l.optimum(computeFlops) : l.optimumForParams(params);
        var err = spec.commandLine().getErr();
        err.println("scalelab: law " + l.key() + ": " + l.description());
        l.extrapolation(o).ifPresent(w -> err.println("scalelab: warning: " + w));
        err.flush();
        Provenance provenance = Provenance.of(spec);
        Output.print(spec.commandLine().getOut(), output.format, Result.of(o), provenance);
        return 0;
    }
}
