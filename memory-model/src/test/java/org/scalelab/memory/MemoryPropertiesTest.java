package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract tests over presets, shapes and layouts: monotonicity and non-negative components. */
class MemoryPropertiesTest {

    static List<TrainingSetup> setups() {
        List<TrainingSetup> out = new ArrayList<>();
        List<TransformerShape> shapes = new ArrayList<>();
        shapes.add(null);
        shapes.add(TransformerShape.llama27b());
        shapes.add(TransformerShape.gpt3175b());
        for (String preset : BytesPerParam.names()) {
            for (TransformerShape shape : shapes) {
                for (Recompute r : Recompute.values()) {
                    for (long tp : new long[] {1, 8}) {
                        TrainingSetup.Builder b = TrainingSetup.builder().bytesPerParam(BytesPerParam.byName(preset))
                                .shape(shape).recompute(r).tp(tp).pp(tp == 8 ? 4 : 1).sequenceParallel(tp == 8)
                                .seqLength(4096).microBatch(2);
                        if (shape == null) {
                            b.paramCount(13_000_000_000L);
                        }
                        out.add(b.build());
                        out.add(b.buffers(CommBuffers.deepSpeedDefaults()).reserveBytes(2e9).build());
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("setups")
    void higherStageNeverUsesMoreMemory(TrainingSetup setup) {
        for (long dp : new long[] {1, 2, 8, 64, 1024}) {
            double previousStates = Double.MAX_VALUE;
            for (ZeroStage stage : ZeroStage.all()) {
                MemoryBreakdown m = MemoryModel.estimate(setup.toBuilder().stage(stage).dp(dp).build());
                assertTrue(m.modelStatesBytes() <= previousStates, stage + " dp=" + dp);
                previousStates = m.modelStatesBytes();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("setups")
    void moreGpusNeverUseMoreMemory(TrainingSetup setup) {
        for (ZeroStage stage : ZeroStage.all()) {
            double previous = Double.MAX_VALUE;
            for (long dp = 1; dp <= 4096; dp *= 2) {
                double total = MemoryModel.estimate(setup.toBuilder().stage(stage).dp(dp).build()).totalBytes();
                assertTrue(total <= previous, stage + " dp=" + dp);
                previous = total;
            }
        }
    }

    @ParameterizedTest
    @MethodSource("setups")
    void everyComponentIsNonNegative(TrainingSetup setup) {
        for (ZeroStage stage : ZeroStage.all()) {
            for (Offload offload : Offload.values()) {
                if (offload == Offload.OPTIMIZER_AND_PARAMS && stage != ZeroStage.STAGE_3) {
                    continue;
                }
                MemoryBreakdown m = MemoryModel.estimate(setup.toBuilder().stage(stage).dp(16).offload(offload).build());
                for (double v : new double[] {m.parametersBytes(), m.gradientsBytes(), m.optimizerStatesBytes(),
                        m.activationsBytes(), m.buffersBytes(), m.reserveBytes(), m.cpuBytes()}) {
                    assertTrue(v >= 0 && Double.isFinite(v), m.toString());
                }
                // offload only moves bytes: GPU + CPU model states equal the un-offloaded model states
                MemoryBreakdown none = MemoryModel.estimate(setup.toBuilder().stage(stage).dp(16).build());
                assertTrue(Math.abs(m.modelStatesBytes() + m.cpuBytes() - none.modelStatesBytes()) <= 1e-6 * none.modelStatesBytes());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("setups")
    void recomputationNeverIncreasesActivations(TrainingSetup setup) {
        if (setup.shape() == null) {
            return;
        }
        double none = MemoryModel.estimate(setup.toBuilder().recompute(Recompute.NONE).build()).activationsBytes();
        double sel = MemoryModel.estimate(setup.toBuilder().recompute(Recompute.SELECTIVE).build()).activationsBytes();
        double full = MemoryModel.estimate(setup.toBuilder().recompute(Recompute.FULL).build()).activationsBytes();
        assertTrue(full <= sel && sel <= none, none + " " + sel + " " + full);
    }
}
