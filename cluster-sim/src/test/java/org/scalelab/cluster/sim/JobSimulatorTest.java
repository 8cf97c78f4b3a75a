package org.scalelab.cluster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalelab.cluster.checkpoint.CheckpointIntervals;
import org.scalelab.cluster.failure.FailureCause;
import org.scalelab.cluster.failure.FailureDistribution;
import org.scalelab.cluster.failure.Llama3Failures;
import org.scalelab.common.ProgressListener;

class JobSimulatorTest {
    private static final double DAY = 86400;

    @Test
    void simulatedEttrMatchesDalysCompleteModelAndPeaksAtTheSameInterval() {
        double m = 3 * 3600;
        double delta = 300;
        double r = 600;
        double opt = CheckpointIntervals.exactOptimumSeconds(delta, r, m);
        double[] factors = {0.25, 0.5, 1, 2, 4};
        double[] simulated = new double[factors.length];
        double[] exact = new double[factors.length];
        boolean[] ok = new boolean[factors.length];
        for (int i = 0; i < factors.length; i++) {
            JobModel job = JobModel.abstractJob(300 * DAY, factors[i] * opt, m, delta, r);
            // Same seed at every interval: common random numbers (the failure times coincide), so
            // the five checks are strongly correlated; each interval has 95 % coverage.
            Summary s = Summary.of(job, MonteCarlo.run(job, 200, 44, 2, ProgressListener.NONE));
            exact[i] = CheckpointIntervals.dalyEfficiency(factors[i] * opt, delta, r, m);
            simulated[i] = s.ettr().mean();
            ok[i] = s.ettr().contains(exact[i]);
        }
        for (int i = 0; i < factors.length; i++) {
            assertTrue(ok[i], "tau = " + factors[i] + " x optimum: exact " + exact[i] + " outside the interval");
        }
        assertEquals(argmax(exact), argmax(simulated));
        assertEquals(2, argmax(simulated));
    }

    private static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void failureCountsByCauseFollowTheConfiguredRates() {
        List<FailureCause> causes = Llama3Failures.causes(Llama3Failures.GPUS, FailureDistribution.EXPONENTIAL, 1);
        JobModel job = new JobModel(Llama3Failures.DAYS * DAY, 3600, 60, 0, false, 60, 600, 1000, 3 * DAY, 0, 0, causes, StepShares.withExposedCommunication(0));
        int reps = 50;
        List<Replication> runs = MonteCarlo.run(job, reps, 7, 2, ProgressListener.NONE);
        long[] observed = new long[causes.size()];
        double[] expected = new double[causes.size()];
        for (int i = 0; i < causes.size(); i++) {
            for (Replication rep : runs) {
                observed[i] += rep.failures()[i];
            }
            expected[i] = reps * Llama3Failures.TABLE.get(i).count();
        }
        // Chi-square goodness of fit of the counts by cause against Table 5 x replications.
        double p = new ChiSquareTest().chiSquareTest(expected, observed);
        assertTrue(p > 0.001, "p = " + p);
        double total = Summary.of(job, runs).unexpected().mean();
        assertEquals(Llama3Failures.UNEXPECTED, total, 4 * Math.sqrt(419.0 / reps));
    }

    @Test
    void weibullFailuresKeepTheirMeanRate() {
        FailureCause c = new FailureCause("gpu", 10, FailureDistribution.WEIBULL, 0.7, false);
        JobModel job = new JobModel(2000 * DAY, 3600, 60, 0, false, 0, 60, 0, 1, 0, 0, List.of(c), StepShares.withExposedCommunication(0));
        Summary s = Summary.of(job, MonteCarlo.run(job, 20, 3, 2, ProgressListener.NONE));
        double expected = 2000 * 24 / 10.0; // renewal theorem: horizon / mean
        assertEquals(expected, s.unexpected().mean(), 0.03 * expected);
    }

    @Test
    void resultsAreIdenticalOnOneAndTwoThreads() {
        List<FailureCause> causes = Llama3Failures.causes(Llama3Failures.GPUS, FailureDistribution.WEIBULL, 0.8);
        JobModel job = new JobModel(20 * DAY, 1800, 60, 120, false, 120, 600, 2, DAY, 27 * 3600, 1800, causes, StepShares.withExposedCommunication(0.1));
        List<Replication> one = MonteCarlo.run(job, 40, 99, 1, ProgressListener.NONE);
        List<Replication> two = MonteCarlo.run(job, 40, 99, 2, ProgressListener.NONE);
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).ettr(), two.get(i).ettr(), 0.0);
            assertEquals(one.get(i).events(), two.get(i).events());
        }
        assertEquals(Summary.of(job, one), Summary.of(job, two));
    }

    static Stream<JobModel> variants() {
        List<FailureCause> llama = Llama3Failures.causes(16_384, FailureDistribution.EXPONENTIAL, 1);
        List<FailureCause> weibull = Llama3Failures.causes(16_384, FailureDistribution.WEIBULL, 0.6);
        return Stream.of(
                JobModel.abstractJob(30 * DAY, 1800, 3 * 3600, 300, 600),
                new JobModel(30 * DAY, 1800, 60, 0, false, 300, 900, 0, 2 * DAY, 0, 0, llama, StepShares.withExposedCommunication(0.2)),
                new JobModel(30 * DAY, 1800, 10, 400, false, 300, 900, 4, DAY, 27 * 3600, 3600, llama, StepShares.withExposedCommunication(0.2)),
                new JobModel(30 * DAY, 600, 10, 4000, false, 300, 900, 4, DAY, 27 * 3600, 3600, weibull, StepShares.withExposedCommunication(0.2)),
                new JobModel(30 * DAY, 1800, 10, 400, true, 0, 900, 1, 3 * DAY, 0, 0, weibull, StepShares.withExposedCommunication(0.0)));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void timeIsConservedInEveryVariant(JobModel job) {
        // JobSimulator.finish throws when the categories do not add up; check the sums here too.
        for (Replication rep : MonteCarlo.run(job, 10, 5, 2, ProgressListener.NONE)) {
            assertEquals(job.horizonSeconds(), rep.wallSeconds(), 1e-6 * job.horizonSeconds());
            assertTrue(rep.ettr() >= 0 && rep.ettr() < 1);
            for (double s : rep.seconds()) {
                assertTrue(s >= -1e-6);
            }
        }
    }

    @Test
    void timelineCoversTheRunWithoutGaps() {
        JobModel job = new JobModel(5 * DAY, 1800, 60, 300, false, 300, 900, 0, DAY, 27 * 3600, 3600,
                Llama3Failures.causes(16_384, FailureDistribution.EXPONENTIAL, 1), StepShares.withExposedCommunication(0));
        List<Timeline.Interval> iv = MonteCarlo.timelineOfFirst(job, 1).intervals();
        assertEquals(0, iv.get(0).startSeconds(), 0);
        assertEquals(5 * DAY, iv.get(iv.size() - 1).endSeconds(), 1e-6);
        for (int i = 1; i < iv.size(); i++) {
            assertEquals(iv.get(i - 1).endSeconds(), iv.get(i).startSeconds(), 1e-6);
        }
    }

    @Test
    void thePipelineBubbleAndOtherOverheadsAreNotProductive() {
        // Productive means the model's FLOPs: the bubble, exposed communication, memory-bound work
        // and recomputation get their own categories; ETTR counts the whole step either way.
        List<FailureCause> causes = Llama3Failures.causes(Llama3Failures.GPUS, FailureDistribution.EXPONENTIAL, 1);
        StepShares shares = new StepShares(0.5, 0.1, 0.1, 0.1, 0.2);
        JobModel split = new JobModel(10 * DAY, 1800, 60, 0, false, 120, 600, 4, DAY, 0, 0, causes, shares);
        JobModel whole = new JobModel(10 * DAY, 1800, 60, 0, false, 120, 600, 4, DAY, 0, 0, causes, StepShares.allCompute());
        Replication r = MonteCarlo.run(split, 1, 7, 1, ProgressListener.NONE).get(0);
        double steps = r.trainingSeconds();
        assertEquals(0.5 * steps, r.productiveSeconds(), 1e-9 * steps);
        assertEquals(0.2 * steps, r.seconds()[TimeCategory.PIPELINE_BUBBLE.ordinal()], 1e-9 * steps);
        assertEquals(0.1 * steps, r.seconds()[TimeCategory.MEMORY_BOUND.ordinal()], 1e-9 * steps);
        assertEquals(MonteCarlo.run(whole, 1, 7, 1, ProgressListener.NONE).get(0).ettr(), r.ettr(), 0.0);
        assertEquals(steps / r.wallSeconds(), r.ettr(), 1e-12);
    }
}
