package org.scalelab.reports.scaling;

import java.util.concurrent.Callable;
import org.scalelab.common.Check;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutputOptions;
import org.scalelab.scaling.Law;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalelab scaling loss}: the predicted loss of N parameters trained on D tokens. */
@Command(name = "loss", mixinStandardHelpOptions = true,
        description = "Predicted loss (nats per token) of a model of N parameters trained on D tokens under a published law "
                + "that has one (" + LawNames.WITH_LOSS + "); warns when N or D lies outside the range the law was fitted on.",
        footer = {"", "Example:", "  scalelab scaling loss --params 70e9 --tokens 1.4e12 --law epoch --format json"})
public final class LossCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--params", paramLabel = "N", required = true, description = "Model size, parameters (in the law's convention). Required.")
    double params;

    @Option(names = "--tokens", paramLabel = "D", required = true, description = "Training tokens. Required.")
    double tokens;

    @Option(names = "--law", paramLabel = "LAW", defaultValue = "epoch", completionCandidates = LawNames.class,
            description = "One of ${COMPLETION-CANDIDATES}. Only " + LawNames.WITH_LOSS + " have a loss formula (kaplan: Eq. 1.5"
                    + " with Table 5's constants); the others fit the compute-optimal allocation only and are refused (exit 2)."
                    + " Default: ${DEFAULT-VALUE}.")
    String law;

    /** The JSON of {@code loss}: law, params, tokens, loss in nats per token. */
    public record Result(String law, double params, double tokens, double loss) {
        /** The loss of {@code law} (one with a loss formula) at N params and D tokens (each checked against the law's bounds). */
        static Result of(Law law, double params, double tokens) {
            Check.positive("params", params);
            Check.positive("tokens", tokens);
            return new Result(law.key(), params, tokens, law.loss(params, tokens));
        }
    }

    @Override
    public Integer call() {
        Law l = Law.byName("law", law).requireLoss("law");
        Result result = Result.of(l, params, tokens);
        var err = spec.commandLine().getErr();
        l.extrapolation(params, tokens).ifPresent(w -> err.println("scalelab: warning: " + w));
        err.flush();
        Provenance provenance = Provenance.of(spec);
        Output.print(spec.commandLine().getOut(), output.format, result, provenance);
        return 0;
    }
}
