package org.scalelab.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.scalelab.report.io.AtomicFiles;

/**
 * Writes a sweep's points: {@code points.csv} ({@link PointsCsv}) and {@code points.parquet/}
 * (Spark's own Parquet writer, one file, the same columns: index, seed, one column per axis,
 * {@code <metric>_mean}, {@code _lo95}, {@code _hi95}). Both appear whole or not at all: the CSV
 * through an atomic rename, the Parquet folder written beside the target and renamed into place.
 * On a cluster the Parquet files are written by an executor, so {@code --out} must then be a
 * folder the executors share with the driver.
 */
public final class SweepOutputs {
    private SweepOutputs() {}

    /** Writes both files into {@code dir}. */
    public static void write(SparkSession spark, SweepPlan plan, List<SparkSweep.Result> results, Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve("points.csv"), PointsCsv.write(plan.grid(), plan.seeds(), plan.metrics(), results));
        writeParquet(spark, plan, results, dir);
    }

    private static void writeParquet(SparkSession spark, SweepPlan plan, List<SparkSweep.Result> results, Path dir) throws IOException {
        List<Axis> axes = plan.grid().axes();
        StructType schema = new StructType().add("index", DataTypes.IntegerType, false).add("seed", DataTypes.LongType, false);
        List<DataType> axisTypes = new ArrayList<>();
        for (Axis a : axes) {
            DataType t = a.values().stream().allMatch(JsonNode::isIntegralNumber) ? DataTypes.LongType
                    : a.values().stream().allMatch(JsonNode::isNumber) ? DataTypes.DoubleType : DataTypes.StringType;
            axisTypes.add(t);
            schema = schema.add(a.path(), t, false);
        }
        List<String> header = PointsCsv.header(axes, plan.metrics());
        for (String column : header.subList(2 + axes.size(), header.size())) {
            schema = schema.add(column, DataTypes.DoubleType, true);
        }
        List<Row> rows = new ArrayList<>(results.size());
        for (SparkSweep.Result r : results) {
            List<Object> cells = new ArrayList<>();
            cells.add(r.index());
            cells.add(plan.seeds()[r.index()]);
            List<JsonNode> values = plan.grid().values(r.index());
            for (int a = 0; a < axes.size(); a++) {
                JsonNode v = values.get(a);
                DataType t = axisTypes.get(a);
                cells.add(t == DataTypes.LongType ? (Object) v.asLong() : t == DataTypes.DoubleType ? (Object) v.asDouble() : v.asText());
            }
            for (double v : r.values()) {
                cells.add(Double.isFinite(v) ? v : null);
            }
            rows.add(RowFactory.create(cells.toArray()));
        }
        Path target = dir.resolve("points.parquet");
        Path tmp = dir.resolve(".points.parquet.tmp");
        deleteTree(tmp);
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .parquet(tmp.toAbsolutePath().toUri().toString());
        deleteTree(target);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
