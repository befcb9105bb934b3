package org.ecommerce.it.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The records of one java.util.logging logger (the JDK's platform logging writes there) while it is open. */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
    }

    /** Starts capturing what the logger {@code name} records. */
    public static CapturedLog of(String name) {
        CapturedLog log = new CapturedLog(Logger.getLogger(name));
        log.logger.addHandler(log);
        return log;
    }

    /** What was recorded so far. */
    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
