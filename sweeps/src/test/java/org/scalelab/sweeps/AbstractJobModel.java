package org.scalelab.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.scalelab.cluster.sim.Estimate;
import org.scalelab.cluster.sim.JobModel;
import org.scalelab.cluster.sim.MonteCarlo;
import org.scalelab.cluster.sim.Summary;
import org.scalelab.common.ProgressListener;

/**
 * A test model straight on the cluster-sim API: Daly's abstract job given as JSON
 * {hours, interval_seconds, mtbf_hours, checkpoint_seconds, restart_seconds}; metrics ETTR and
 * failures per run.
 */
record AbstractJobModel(int replications) implements PointModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<String> metrics() {
        return List.of("ettr", "failures");
    }

    @Override
    public double[] evaluate(String pointJson, long seed) {
        try {
            JsonNode n = JSON.readTree(pointJson);
            return evaluate(job(n), replications, seed);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JobModel job(JsonNode n) {
        return JobModel.abstractJob(n.get("hours").asDouble() * 3600, n.get("interval_seconds").asDouble(),
                n.get("mtbf_hours").asDouble() * 3600, n.get("checkpoint_seconds").asDouble(), n.get("restart_seconds").asDouble());
    }

    static double[] evaluate(JobModel job, int replications, long seed) {
        Summary s = Summary.of(job, MonteCarlo.run(job, replications, seed, 1, ProgressListener.NONE));
        Estimate e = s.ettr();
        Estimate f = s.unexpected();
        return new double[] {e.mean(), e.lo(), e.hi(), f.mean(), f.lo(), f.hi()};
    }
}
