package org.scalelab.sweeps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.scalelab.common.Check;
import org.scalelab.common.ProgressListener;

/**
 * Runs the points of a sweep as a Spark job: the points become a {@link Dataset} of
 * (index, seed, point) rows cut into {@code partitions} slices without a shuffle, every task
 * evaluates its rows with the {@link PointModel}, and the driver collects the results and sorts
 * them by index. Each result depends only on its row, so the output is the same for any master,
 * partitioning, or retried task.
 */
public final class SparkSweep {
    /** Schema of the point rows. */
    static final StructType POINTS = new StructType()
            .add("index", DataTypes.IntegerType, false)
            .add("seed", DataTypes.LongType, false)
            .add("point", DataTypes.StringType, false);

    private SparkSweep() {}

    /**
     * One evaluated point.
     *
     * @param index  the point's index
     * @param values mean, low and high of each metric, in {@link PointModel#metrics()} order
     */
    public record Result(int index, double[] values) { }

    /**
     * Evaluates {@code points} on {@code spark}.
     *
     * @param partitions number of Spark tasks (at least 1; more than the points gives empty tasks)
     * @param progress   told of finished tasks as (done, partitions)
     * @return one result per point, sorted by index
     */
    public static List<Result> run(SparkSession spark, List<SweepPoint> points, PointModel model, int partitions,
            ProgressListener progress) {
        Check.atLeastOne("partitions", partitions);
        List<Row> rows = new ArrayList<>(points.size());
        for (SweepPoint p : points) {
            rows.add(RowFactory.create(p.index(), p.seed(), p.json()));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> input = spark.createDataFrame(jsc.parallelize(rows, partitions), POINTS);
        int metrics = model.metrics().size();
        Dataset<Row> evaluated = input.map(new Evaluate(model), Encoders.row(resultSchema(metrics)));
        TaskCounter counter = new TaskCounter(partitions, progress);
        spark.sparkContext().addSparkListener(counter);
        List<Row> collected;
        try {
            collected = evaluated.collectAsList();
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
        List<Result> out = new ArrayList<>(collected.size());
        for (Row r : collected) {
            double[] v = new double[3 * metrics];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.getDouble(1 + i);
            }
            out.add(new Result(r.getInt(0), v));
        }
        out.sort(Comparator.comparingInt(Result::index));
        return out;
    }

    private static StructType resultSchema(int metrics) {
        StructType s = new StructType().add("index", DataTypes.IntegerType, false);
        for (int i = 0; i < 3 * metrics; i++) {
            s = s.add("v" + i, DataTypes.DoubleType, false);
        }
        return s;
    }

    /** The task body: one row in, its index and metric values out. */
    private static final class Evaluate implements MapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final PointModel model;

        Evaluate(PointModel model) {
            this.model = model;
        }

        @Override
        public Row call(Row row) {
            double[] v = model.evaluate(row.getString(2), row.getLong(1));
            Object[] cells = new Object[1 + v.length];
            cells[0] = row.getInt(0);
            for (int i = 0; i < v.length; i++) {
                cells[1 + i] = v[i];
            }
            return RowFactory.create(cells);
        }
    }

    /** Counts successful tasks for the progress bar (called on Spark's listener thread). */
    private static final class TaskCounter extends SparkListener {
        private final AtomicLong done = new AtomicLong();
        private final long total;
        private final ProgressListener progress;

        TaskCounter(long total, ProgressListener progress) {
            this.total = total;
            this.progress = progress;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskInfo().successful()) {
                progress.progress(Math.min(done.incrementAndGet(), total), total);
            }
        }
    }
}
