package org.scalelab.scaling.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The script that wrote the shipped synthetic data sets. Run from the repository root:
 * <pre>
 * ./mvnw -q -o -pl scaling-laws -am test-compile
 * java -cp scaling-laws/target/classes:scaling-laws/target/test-classes:common/target/classes \
 *     org.scalelab.scaling.data.GenerateSyntheticDatasets scaling-laws/src/main/resources/datasets/synthetic
 * </pre>
 * {@link SyntheticDatasetsTest} checks that the shipped files equal what this writes.
 */
public final class GenerateSyntheticDatasets {
    private GenerateSyntheticDatasets() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "scaling-laws/src/main/resources/datasets/synthetic");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("synthetic-curves.csv"), SyntheticRuns.curvesCsv(SyntheticRuns.SEED), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("synthetic-isoflop.csv"), SyntheticRuns.isoFlopCsv(SyntheticRuns.SEED), StandardCharsets.UTF_8);
    }
}
