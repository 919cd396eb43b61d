/** Housekeeping across features: the scheduled purge of dead reset tokens and finished outbox records. */
package io.resetflow.maintenance;
