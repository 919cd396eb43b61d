/**
 * Rate limits: which limits exist ({@link io.resetflow.throttle.Limit}) and how they are counted: in Payara's data
 * grid or the product's database, which every node of a cluster shares, or in the memory of a node that serves alone.
 */
package io.resetflow.throttle;
