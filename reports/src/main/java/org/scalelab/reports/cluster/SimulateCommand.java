package org.scalelab.reports.cluster;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.Seeds;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutputOptions;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.params.Kinds;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.report.params.ParameterFiles;
import org.scalelab.report.ReportContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.scalelab.cluster.params.ClusterParameters;
import org.scalelab.cluster.params.WhatIf;

/** {@code scalelab cluster simulate}: Monte-Carlo discrete-event simulation of a run under failures. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a training run under failures, checkpoints and restarts (Monte-Carlo replications in parallel)."
                + " Either a kind: cluster parameter file, or the abstract what-if job given by --mtbf-hours etc.",
        footer = {"", "Examples:", "  scalelab cluster simulate examples/cluster-llama3-405b-16k.yaml --replications 1000 --format json",
                "  scalelab cluster simulate --gpus 16384 --failures llama3 --checkpoint-seconds 60 --restart-seconds 600"
                        + " --days 54 --replications 100",
                "  scalelab cluster simulate --mtbf-hours 3 --checkpoint-seconds 60 --restart-seconds 600 --interval daly"
                        + " --days 54 --replications 200 --seed 1 --format json"})
public final class SimulateCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A kind: cluster parameter file (YAML or JSON).")
    Path file;

    @Option(names = "--replications", paramLabel = "N", description = "Monte-Carlo replications (default: the file's, or 100).")
    Integer replications;

    @Option(names = "--seed", converter = org.scalelab.report.cli.NumberConverters.Exact.class, paramLabel = "S", description = "Master seed (default: the file's, or " + Seeds.DEFAULT + ").")
    Long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores); results do not depend on it.")
    Integer threads;

    @Option(names = "--mtbf-hours", paramLabel = "M", description = "Abstract job: mean time between failures, hours. Required for the abstract job, unless --gpus and --failures are given.")
    Double mtbfHours;

    @Option(names = "--gpus", paramLabel = "N", description = "Abstract job: GPUs, to derive the job MTBF from --failures. Default: none (give --mtbf-hours).")
    Integer gpus;

    @Option(names = "--failures", paramLabel = "TABLE",
            description = "Abstract job: failure table the MTBF is derived from, scaled to --gpus: llama3 (Llama 3 Herd 2024, Table 5). Default: none (give --mtbf-hours).")
    String failures;

    @Option(names = "--checkpoint-seconds", paramLabel = "D", description = "Abstract job: checkpoint time, seconds. Required for the abstract job.")
    Double checkpointSeconds;

    @Option(names = "--restart-seconds", paramLabel = "R", description = "Abstract job: restart time, seconds (default "
            + org.scalelab.cluster.sim.Recovery.DEFAULT_RESTART_SECONDS + ", assumed, as plan and recovery.restart_seconds).")
    Double restartSeconds;

    @Option(names = "--interval-seconds", paramLabel = "T", description = "Abstract job: fixed checkpoint interval (compute between checkpoints), seconds. Default: none (--interval).")
    Double intervalSeconds;

    @Option(names = "--interval", paramLabel = "young|daly", description = "Abstract job: interval by Young or Daly (default daly unless --interval-seconds).")
    String interval;

    @Option(names = "--days", paramLabel = "N", description = "Abstract job: simulated wall-clock days. Required for the abstract job.")
    Double days;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ClusterParameters p;
        long s;
        ParameterFile parsed = null;
        boolean seedInFile = false;
        if (file != null) {
            if (mtbfHours != null || gpus != null || failures != null || checkpointSeconds != null || days != null
                    || intervalSeconds != null || interval != null) {
                throw new InvalidParameterException("give a FILE or the abstract-job options (--mtbf-hours ...), not both");
            }
            parsed = ParameterFiles.read(file, Kinds.of(java.util.Map.of("cluster", ClusterParameters.class)));
            p = (ClusterParameters) parsed.parameters();
            s = seed != null ? seed : parsed.seed() != null ? parsed.seed() : Seeds.DEFAULT;
            seedInFile = parsed.seed() != null;
        } else {
            if ((mtbfHours == null && gpus == null && failures == null) || checkpointSeconds == null || days == null) {
                throw new InvalidParameterException("give a FILE, or --mtbf-hours (or --gpus with --failures), --checkpoint-seconds"
                        + " and --days for the abstract job");
            }
            if (interval != null && intervalSeconds != null) {
                throw new InvalidParameterException("give --interval or --interval-seconds, not both");
            }
            // the MTBF's rules first, naming the options (the record's own check names its keys)
            org.scalelab.cluster.params.WhatIf.mtbfHours(mtbfHours, gpus, failures, CheckpointIntervalCommand.OPTION);
            String mode = interval != null ? interval : intervalSeconds != null ? "fixed" : "daly";
            p = new ClusterParameters(days, replications, null,
                    new WhatIf(mtbfHours, checkpointSeconds, restartSeconds, mode, intervalSeconds, gpus, failures),
                    null, null, null, null, null, null, null, null, null, null);
            s = seed != null ? seed : Seeds.DEFAULT;
        }
        if (p.isWhatIf() && p.whatIf().failures() != null) {
            spec.commandLine().getErr().printf(java.util.Locale.ROOT, "scalelab: job MTBF %.3g h, %s%n", p.whatIf().mtbfHours(),
                    CheckpointIntervalCommand.derivedSource(p.whatIf().gpus(), p.whatIf().failures()));
        }
        int reps = replications != null ? replications : p.replications();
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        org.scalelab.common.Check.atLeastOne("replications", reps);
        org.scalelab.common.Check.atLeastOne("threads", t);
        // Paths in the file (training.matmul_efficiency_from) are relative to its folder, as under scalelab run.
        Path dir = file == null ? null : file.toAbsolutePath().getParent();
        ClusterScenario.Prepared prep;
        try {
            prep = ClusterScenario.prepare(p, x -> dir == null ? Path.of(x) : dir.resolve(x).normalize());
        } catch (InvalidParameterException e) {
            if (parsed == null) {
                // the abstract job's options: what_if.checkpoint_seconds is --checkpoint-seconds here
                throw e.field().startsWith("what_if.")
                        ? new InvalidParameterException(e.field().substring("what_if.".length()), e.rule(), e.value(), e.hint()) : e;
            }
            // a rule on the file's keys: named by the file and line, not by the option that happens to share the key's name
            throw ParameterFiles.located(parsed, e);
        }
        SimulationResult r;
        try (ReportContext.Progress.Task task = ProgressBars.get().start("cluster simulate", reps)) {
            r = ClusterScenario.simulate(prep, reps, s, t, task);
        }
        Provenance provenance = Provenance.of(spec).seed(s, seedInFile);
        if (file == null) {
            provenance.defaulted("replications", reps);
        }
        String simulated = Provenance.SIMULATED + ": discrete-event run, " + r.replications()
                + (r.replications() == 1 ? " replication" : " replications");
        for (String k : new String[] {"ettr", "ettr_ci", "wall_seconds", "wall_seconds_ci", "goodput_tokens_per_second",
            "goodput_tokens_per_second_ci", "goodput_mfu", "goodput_mfu_ci", "interruptions", "interruptions_ci", "interruptions_by_cause",
            "interruptions_by_cause_ci", "time_breakdown_seconds", "time_breakdown_seconds_ci", "simulated_events"}) {
            // one replication has no spread: its "interval" would be [x, x], so the table says "-" and why
            provenance.put(k, k.endsWith("_ci") && !r.hasIntervals() ? SimulationResult.NO_INTERVAL : simulated);
        }
        // The wall time is the horizon the run simulates, the days given, not an outcome of the run.
        provenance.put("wall_seconds", "given (days: the horizon each replication runs)");
        Output.print(spec.commandLine().getOut(), output.format, r.printed(), provenance);
        return 0;
    }
}
