package io.resetflow.testing;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The warnings a class logs while a unit test runs, with their parameters filled in: opened on the class's
 * logger, closed by try-with-resources.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
                Object[] parameters = record.getParameters();
                warnings.add(parameters == null ? record.getMessage() : new MessageFormat(record.getMessage()).format(parameters));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Logger logger) {
        this.logger = logger;
        logger.addHandler(handler);
    }

    /** Starts capturing the warnings of the logger named after this class. */
    public static LogCapture warningsOf(Class<?> type) {
        return new LogCapture(Logger.getLogger(type.getName()));
    }

    /** The warnings so far, oldest first. */
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
