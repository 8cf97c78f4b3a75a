package org.scalelab.reports.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalelab.cluster.collective.CollectiveAlgorithm;
import org.scalelab.cluster.collective.CollectiveCost;
import org.scalelab.cluster.collective.CollectiveOp;
import org.scalelab.cluster.collective.CollectiveSimulator;
import org.scalelab.cluster.collective.Network;
import org.scalelab.cluster.collective.Schedules;
import org.scalelab.cluster.params.Collective;
import org.scalelab.cluster.step.ParallelLayout;
import org.scalelab.common.Check;
import org.scalelab.report.ReportWriter;
import org.scalelab.report.SectionReport;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.reports.Version;
import org.scalelab.report.cli.OutDirOptions;
import org.scalelab.report.cli.Output;
import org.scalelab.report.params.OptionsFile;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalelab cluster collective}: α-β time and nccl-tests bandwidths of one collective. */
@Command(name = "collective", mixinStandardHelpOptions = true,
        description = "Time of one collective by the alpha-beta closed form, checked by playing it step by step over the links"
                + " (up to " + Schedules.MAX_SIMULATED_RANKS + " ranks; above that the check is skipped and said so);"
                + " algorithm and bus bandwidth as nccl-tests defines them (GB = 1e9 bytes).",
        footer = {"", "Example:", "  scalelab cluster collective --op all-reduce --algorithm ring --ranks 8 --bytes 1e9"
                + " --latency-us 5 --nvlink-gb-per-s 450 --format json",
            "  scalelab cluster collective --op all-reduce --ranks 64 --gpus-per-node 8 --bytes 1e9 --nvlink-gb-per-s 450"
                + " --inter-node-gbit-per-s 400 --inter-node-latency-us 10",
            "  scalelab cluster collective --op all-gather --ranks 8 --bytes 1e9 --nvlink-gb-per-s 450 --out out/ag",
            "  scalelab cluster collective --op all-reduce --ranks 16 --gpus-per-node 8 --bytes 1e9 --gpu h100-sxm",
            "", "The same question from a file: a kind: cluster file with a collective: block whose keys are these options"
                + " in snake_case (examples/cluster-collective-allreduce.yaml), run by scalelab run.",
            "With --out DIR this command also writes that file's page into DIR, the file beside it as parameters.yaml."})
public final class CollectiveCommand implements Callable<Integer> {
    @Option(names = "--op", required = true, paramLabel = "OP",
            description = "Collective: all-reduce, all-gather, reduce-scatter, broadcast or all-to-all (each rank sends S/n"
                    + " bytes to every rank; busbw = algbw (n-1)/n, NVIDIA/nccl-tests#130 \"algorithm bandwidth of all2all\"). Required.")
    String op;

    @Option(names = "--algorithm", paramLabel = "ALG",
            description = "ring (across nodes NCCL's multi-rail rings: the node crossing runs on min(GPUs per node,"
                    + " --nics-per-node) NICs at once, capped by NVLink; 2 x 8 H100 with 8 x 400 Gbit/s NICs: busbw ~400"
                    + " GB/s, NVIDIA/nccl#412 \"How will NCCL behave when there are multiple NICs on a node?\"),"
                    + " tree (NCCL's pipelined double binary tree, also double-binary-tree; all-reduce and"
                    + " broadcast: bandwidth term ~2 S/B at any rank count, latency ~log2 p, NVIDIA/nccl-tests#279 \"Is it suitable to calculate busBw in"
                    + " AllReduceGetBw for all of the algos?\"; 2 ranks: 2 alpha + S/B, as the ring; across nodes on the same NICs as"
                    + " the ring, as NCCL's tree channels: NVIDIA/nccl#1357 \"NCCL Tree allreduce test cannot reach the theoretical"
                    + " bus bandwidth on 2 nodes with 4 nics\", busbw 92.6 GB/s on one NIC, 184.9 on two),"
                    + " binomial-tree (plain reduce + broadcast, 2 log2(p) S/B), halving-doubling, hierarchical, or"
                    + " pairwise (all-to-all only). Default: ring for all-reduce, all-gather, reduce-scatter and broadcast;"
                    + " pairwise for all-to-all.")
    String algorithm;

    @Option(names = "--ranks", required = true, paramLabel = "P", description = "Number of ranks (GPUs), 2 to 2^20 ("
            + Network.MAX_RANKS + "); the link-level simulation runs up to " + Schedules.MAX_SIMULATED_RANKS + ". Required.")
    int ranks;

    @Option(names = "--gpus-per-node", paramLabel = "G",
            description = "GPUs per node (default: all ranks in one node); ranks beyond a node use the inter-node link.")
    Integer gpusPerNode;

    @Option(names = "--bytes", required = true, paramLabel = "N",
            description = "Message size in bytes as nccl-tests counts it: the whole buffer (all-gather: output; reduce-scatter: input). Required.")
    double bytes;

    @Option(names = "--latency-us", defaultValue = "" + ParallelLayout.DEFAULT_NVLINK_LATENCY_US, paramLabel = "A",
            description = "Intra-node latency per message alpha in microseconds. Default: ${DEFAULT-VALUE} (assumed; the"
                    + " NVLink latency of cluster step and plan, --nvlink-latency-us).")
    double latencyUs;

    @Option(names = "--gpu", paramLabel = "NAME",
            description = "GPU preset whose links are the bandwidth defaults, as in cluster step: a100-40gb, a100-80gb,"
                    + " h100-sxm, h100-pcie, h800, h200 (file key collective.gpu). Default: none: then --nvlink-gb-per-s"
                    + " is required and the NIC defaults to the intra-node bandwidth.")
    String gpu;

    // Checked in parameters(), not by picocli, whose message would name the longest spelling, the alias.
    @Option(names = {"--nvlink-gb-per-s", "--bandwidth-gb-per-s"}, paramLabel = "B",
            description = "Intra-node (NVLink) bandwidth per GPU in GB/s (1e9 bytes/s); the file key is"
                    + " collective.nvlink_gb_per_s. --bandwidth-gb-per-s is the older name, kept as an alias."
                    + " Required without --gpu. " + StepCommand.NVLINK_DEFAULT)
    Double bandwidthGbPerS;

    @Option(names = "--inter-node-latency-us", paramLabel = "A2",
            description = StepCommand.INTER_NODE_LATENCY_HELP)
    Double interLatencyUs;

    @Option(names = "--inter-node-gbit-per-s", paramLabel = "B2",
            description = "Inter-node bandwidth per NIC in Gbit/s (1e9 bits/s; a 400G NIC is 400), as in"
                    + " cluster step and the file key collective.inter_node_gbit_per_s. " + StepCommand.NIC_DEFAULT
                    + " Without --gpu: the intra-node bandwidth.")
    Double interGbitPerS;

    @Option(names = "--inter-node-bandwidth-gb-per-s", paramLabel = "B2",
            description = "The older way to give the NIC, in GB/s (1e9 bytes/s): the same as --inter-node-gbit-per-s"
                    + " times 1/8; kept as an alias. Default: as --inter-node-gbit-per-s.")
    Double interBandwidthGbPerS;

    @Option(names = "--nics-per-node", paramLabel = "K",
            description = "NICs per node shared by its GPUs (default: one per GPU); a ring across nodes spreads its"
                    + " crossing over them, and fewer NICs contend in the simulation.")
    Integer nicsPerNode;

    @Option(names = "--pod-gpus", defaultValue = "0", paramLabel = "S",
            description = "GPUs per pod (0 = no pods); traffic between pods shares the pod's uplinks. Default: ${DEFAULT-VALUE}.")
    int podGpus;

    @Option(names = "--oversubscription", defaultValue = "1", paramLabel = "O",
            description = "Pod uplink oversubscription (Llama 3: 7 for 1:7); uplinks carry pod-gpus x inter-node bandwidth / O."
                    + " Default: ${DEFAULT-VALUE}.")
    double oversubscription;

    @Option(names = "--slow-rank", paramLabel = "R",
            description = "Inject a slow link: this rank's NVLink port and NIC run at --slow-factor of their bandwidth (simulation only). Default: none.")
    Integer slowRank;

    @Option(names = "--slow-factor", defaultValue = "" + Collective.DEFAULT_SLOW_FACTOR, paramLabel = "F",
            description = "Bandwidth multiplier of the slow rank's links, in (0, 1]. Default: ${DEFAULT-VALUE}.")
    double slowFactor;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write this collective's page into DIR: the page the run command makes of the same kind:"
                    + " cluster file (echoed there as parameters.yaml), with time and bus bandwidth against message size for"
                    + " every algorithm (charts and their data), result.json and index.html; the folder is replaced whole."
                    + " Default: none (print only).")
    Path out;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /**
     * The result.
     *
     * @param seconds            closed-form α-β time (s)
     * @param algbwGbPerS        nccl-tests algorithm bandwidth S/t (GB/s)
     * @param busbwGbPerS        nccl-tests bus bandwidth (GB/s)
     * @param simulatedSeconds   the same collective played step by step over the links (s); equal to
 *                           {@code seconds} on an idle uniform network, longer with shared NICs or a slow link;
 *                           null above the simulator's {@value Schedules#MAX_SIMULATED_RANKS} ranks
     * @param note               why {@code simulatedSeconds} is null; absent when it is not
     */
    public record Result(double seconds, double algbwGbPerS, double busbwGbPerS, Double simulatedSeconds, String op,
            String algorithm, int ranks, long bytes, @JsonInclude(JsonInclude.Include.NON_NULL) String note) { }

    /** Why a collective above the simulator's limit has only its closed form. */
    static String simulationSkipped(int ranks) {
        return "simulation check skipped: the link-level simulator plays every transfer and runs at most "
                + Schedules.MAX_SIMULATED_RANKS + " ranks (" + ranks + " given); the time is the closed form's";
    }

    @Override
    public Integer call() throws IOException {
        Collective c = parameters();
        Result result = out == null ? compute(c) : writePage(c, OutDirOptions.of(out).outOr("cluster-collective"));
        Provenance provenance = Provenance.of(spec).defaulted("algorithm", result.algorithm() + " (for " + result.op() + ")");
        provenance.put("simulated_seconds", result.simulatedSeconds() == null
                ? "skipped: over " + Schedules.MAX_SIMULATED_RANKS + " ranks" : Provenance.SIMULATED + ": link-level");
        Output.print(spec.commandLine().getOut(), output.format, result, provenance);
        return 0;
    }

    /**
     * Writes {@code c} as a {@code kind: cluster} file and runs it into its page in {@code dir}
     * ({@link ReportWriter#writeOptions}), as {@code scalelab plan} does with its options.
     */
    private Result writePage(Collective c, Path dir) throws IOException {
        SectionReport report = ReportWriter.writeOptions(new ClusterSection(), yaml(c), dir, ProgressBars.get(), Version.current());
        spec.commandLine().getErr().println("scalelab: report: " + dir.resolve("index.html").toAbsolutePath());
        spec.commandLine().getErr().flush();
        return ((CollectiveReport.Report) report.result()).collective();
    }

    /** The collective as a {@code kind: cluster} file: its {@code collective:} block, snake_case, defaults filled in. */
    static String yaml(Collective c) throws IOException {
        return OptionsFile.yaml("Written by scalelab cluster collective from its options; `scalelab run` on this file gives"
                + " the same page.", "cluster", "collective", null, "collective", c);
    }

    /** The options as the {@code collective:} block of a {@code kind: cluster} file (validated there). */
    Collective parameters() {
        if (interGbitPerS != null && interBandwidthGbPerS != null) {
            throw new org.scalelab.common.InvalidParameterException("inter_node_gbit_per_s",
                    "give --inter-node-gbit-per-s or its alias --inter-node-bandwidth-gb-per-s, not both", interGbitPerS);
        }
        Double gbit = interGbitPerS;
        if (interBandwidthGbPerS != null) {
            // The older option, in GB/s: checked under its own name, then given in the one unit of the file key.
            gbit = 8 * Check.inHalfOpen("inter_node_bandwidth_gb_per_s", interBandwidthGbPerS, 0,
                    org.scalelab.cluster.collective.Network.MAX_BANDWIDTH_GB_PER_S);
        }
        if (bandwidthGbPerS == null && gpu == null) {
            throw new org.scalelab.common.InvalidParameterException("nvlink_gb_per_s", "is required unless --gpu is given"
                    + " (the intra-node bandwidth per GPU, GB/s)", "missing");
        }
        return new Collective(op, algorithm, ranks, bytes, latencyUs, gpu, bandwidthGbPerS, interLatencyUs, gbit, gpusPerNode,
                nicsPerNode, podGpus, oversubscription, slowRank, slowFactor);
    }

    /** The closed-form time, the bandwidths and the link-level simulation of the collective {@code c}. */
    static Result compute(Collective c) {
        CollectiveOp op = c.collectiveOp();
        CollectiveAlgorithm alg = c.collectiveAlgorithm();
        Network net = c.network();
        double t = CollectiveCost.seconds(op, alg, net, c.bytes());
        Double sim = c.simulated() ? CollectiveSimulator.run(net, List.of(Schedules.build(op, alg, net, c.bytes())),
                c.rankBandwidthFactors()).makespanSeconds() : null;
        return new Result(t, CollectiveCost.algorithmBandwidthGbPerS(c.bytes(), t),
                CollectiveCost.busBandwidthGbPerS(op, c.ranks(), c.bytes(), t), sim, op.key(), alg.key(), c.ranks(), Math.round(c.bytes()),
                sim == null ? simulationSkipped(c.ranks()) : null);
    }
}
