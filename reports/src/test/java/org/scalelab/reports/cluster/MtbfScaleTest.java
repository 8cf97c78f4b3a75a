package org.scalelab.reports.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.scalelab.cluster.params.ClusterParameters;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.params.ParameterFiles;

/** failures.mtbf_scale multiplies every cause's MTBF, so the job's combined MTBF scales by it exactly. */
class MtbfScaleTest {
    private static ClusterScenario.Prepared llama3(double scale) throws Exception {
        ObjectNode body = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(Path.of("../examples/cluster-llama3-405b-16k.yaml").toFile());
        body.remove("kind");
        body.remove("name");
        body.remove("seed");
        ((ObjectNode) body.get("failures")).put("mtbf_scale", scale);
        return ClusterScenario.prepare(ParameterFiles.bind(body, ClusterParameters.class));
    }

    @Test
    void doublingTheScaleDoublesTheJobMtbf() throws Exception {
        double one = llama3(1).job().combinedMtbfSeconds();
        // Llama 3 paper, Table 5: 419 unexpected interruptions in 54 days on 16,384 GPUs -> 3.09 h job MTBF
        assertEquals(54 * 24 / 419.0, one / 3600, 0.01);
        assertEquals(2 * one, llama3(2).job().combinedMtbfSeconds(), 1e-9 * one);
        assertEquals(one / 4, llama3(0.25).job().combinedMtbfSeconds(), 1e-9 * one);
    }

    @Test
    void aScaleMustBePositive() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> llama3(0));
        assertEquals("failures.mtbf_scale", e.field());
    }
}
