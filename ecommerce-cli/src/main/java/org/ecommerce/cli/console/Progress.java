package org.ecommerce.cli.console;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long task: a live progress bar when a person watches a terminal, otherwise
 * (a pipe, a log file, CI) a plain line now and then that reads well in a log.
 */
public abstract sealed class Progress implements AutoCloseable {

    /** How many units the task has done so far. */
    protected long done;

    private Progress() {
    }

    /**
     * Starts reporting {@code task} of {@code total} units.
     *
     * @param log where the plain lines go when there is no terminal
     */
    public static Progress start(String task, long total, PrintWriter log) {
        return attachedToTerminal() ? new Bar(task, total) : new Lines(task, total, log);
    }

    /** Reports {@code units} more done. */
    public abstract void step(long units);

    /** Ends the report (the bar's last state, or a closing line). */
    @Override
    public abstract void close();

    /**
     * Whether standard output is a terminal. From JDK 22 on, {@link System#console()} may exist
     * without one, which its {@code isTerminal()} (absent from JDK 21) tells.
     */
    static boolean attachedToTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    /** The live bar. */
    private static final class Bar extends Progress {

        private final ProgressBar bar;

        Bar(String task, long total) {
            bar = ProgressBar.builder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .showSpeed()
                    .build();
        }

        @Override
        public void step(long units) {
            done += units;
            bar.stepBy(units);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** A line at every tenth of a large task, at least every ten seconds, and one at the end. */
    private static final class Lines extends Progress {

        private static final long QUIET_NANOS = Duration.ofSeconds(10).toNanos();
        // a small task is over before its tenths would tell anyone anything
        private static final long LARGE = 10_000;

        private final String task;
        private final long total;
        private final PrintWriter log;
        private final long started = System.nanoTime();
        private long lastTenth;
        private long lastLine = started;

        Lines(String task, long total, PrintWriter log) {
            this.task = task;
            this.total = total;
            this.log = log;
        }

        @Override
        public void step(long units) {
            done += units;
            long tenth = total == 0 ? 10 : done * 10 / total;
            long now = System.nanoTime();
            if (tenth > lastTenth && tenth < 10 && total >= LARGE || now - lastLine > QUIET_NANOS) {
                lastTenth = tenth;
                lastLine = now;
                log.printf("%s: %,d of %,d (%d%%)%n", task, done, total, total == 0 ? 100 : done * 100 / total);
                log.flush();
            }
        }

        @Override
        public void close() {
            log.printf("%s: %,d of %,d done in %.1f s%n", task, done, total, (System.nanoTime() - started) / 1e9);
            log.flush();
        }
    }
}
