package org.scalelab.reports.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.NotImplementedSection;
import org.scalelab.report.ReportContext;
import org.scalelab.report.ReportWriter;
import org.scalelab.report.Section;
import org.scalelab.report.SectionReport;
import org.scalelab.report.params.Kinds;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.report.params.ParameterFiles;
import org.scalelab.reports.cluster.ClusterSections;
import org.scalelab.reports.kernels.KernelsSections;
import org.scalelab.reports.memory.MemorySections;
import org.scalelab.reports.plan.PlanSections;
import org.scalelab.reports.scaling.ScalingSections;
import org.scalelab.reports.Version;

/** The registry of parameter-file kinds: each domain package lists its own. */
public final class Sections {
    private static final Map<String, Section<?>> BY_KIND = new TreeMap<>();

    static {
        List<Section<?>> all = new ArrayList<>();
        all.addAll(ScalingSections.all());
        all.addAll(MemorySections.all());
        all.addAll(ClusterSections.all());
        all.addAll(KernelsSections.all());
        all.addAll(PlanSections.all());
        all.add(new org.scalelab.reports.sweep.SweepSection());
        all.forEach(s -> BY_KIND.put(s.kind(), s));
    }

    /** Every kind with its parameter record; a kind not implemented yet is rejected when read. */
    public static final Kinds KINDS = new Kinds() {
        @Override
        public Class<?> parameterType(String kind) {
            Section<?> s = forKind(kind);
            if (s instanceof NotImplementedSection) {
                throw new InvalidParameterException("kind", "'" + kind + "' is not implemented yet", kind);
            }
            return s.parameterType();
        }

        @Override
        public List<String> names() {
            return kinds();
        }
    };

    private Sections() {}

    /** The section for {@code kind}; an unknown kind fails with the list of valid ones. */
    public static Section<?> forKind(String kind) {
        Check.oneOf("kind", kind, BY_KIND.keySet());
        return BY_KIND.get(kind);
    }

    /** Every kind, sorted. */
    public static List<String> kinds() {
        return List.copyOf(BY_KIND.keySet());
    }

    /** Reads a parameter file of any kind. */
    public static ParameterFile read(Path file) {
        return ParameterFiles.read(file, KINDS);
    }

    /** Runs a file through its kind's section into {@code dir} (see {@link ReportWriter#write}). */
    public static SectionReport write(ParameterFile file, Path dir, long seed, boolean full, ReportContext.Progress progress)
            throws IOException {
        return ReportWriter.write(forKind(file.kind()), file, dir, seed, full, progress, Version.current());
    }

    /** As {@link #write(ParameterFile, Path, long, boolean, ReportContext.Progress)}, for a page the index one folder up links. */
    public static SectionReport writeUnderIndex(ParameterFile file, Path dir, long seed, boolean full, ReportContext.Progress progress)
            throws IOException {
        return ReportWriter.write(forKind(file.kind()), file, dir, seed, full, progress, Version.current(), "../index.html");
    }
}
