package org.scalelab.report.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scalelab.report.ReportContext;

/**
 * Progress bars on stderr, shown only when stderr is a terminal (the launcher tells us with
 * {@code -Dscalelab.stderr.tty=true}); otherwise nothing is printed. Use
 * {@code try (var task = ProgressBars.get().start("bootstrap", n)) { ... task.progress(i, n); }}
 * and pass {@code task} where a {@link org.scalelab.common.ProgressListener} is wanted.
 */
public final class ProgressBars implements ReportContext.Progress {
    private static final ProgressBars TERMINAL = new ProgressBars(true);
    private static final ProgressBars SILENT = new ProgressBars(false);

    private final boolean show;

    private ProgressBars(boolean show) {
        this.show = show;
    }

    /** Bars when stderr is a terminal, silence otherwise. */
    public static ProgressBars get() {
        return Boolean.getBoolean("scalelab.stderr.tty") ? TERMINAL : SILENT;
    }

    /** Never shows anything (tests). */
    public static ProgressBars silent() {
        return SILENT;
    }

    @Override
    public Task start(String name, long total) {
        if (!show) {
            return new Task() {
                @Override
                public void progress(long done, long all) { }

                @Override
                public void close() { }
            };
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200).continuousUpdate().build();
        return new Task() {
            @Override
            public synchronized void progress(long done, long all) {
                if (all != bar.getMax()) {
                    bar.maxHint(all);
                }
                bar.stepTo(done);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
