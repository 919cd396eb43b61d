package io.resetflow.background;

/**
 * A bean that deletes its own dead rows. {@link RepeatingTasks} calls every such bean, through its container
 * proxy (so its own transaction applies), every {@code purge.interval-seconds} on every node; each purge is one
 * idempotent delete.
 */
public interface Purge {

    /** What the rows are, for the log line: "dead mailed links". */
    String purged();

    /** Deletes the rows that are past keeping; returns how many. */
    int purge();
}
