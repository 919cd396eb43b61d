/** Rate limits shared by every node of a cluster: which limits exist ({@link io.resetflow.throttle.Limit}) and how they are counted. */
package io.resetflow.throttle;
