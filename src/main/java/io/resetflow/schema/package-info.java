/** The database schema: Flyway migrations applied at deployment, and how times are stored. */
package io.resetflow.schema;
