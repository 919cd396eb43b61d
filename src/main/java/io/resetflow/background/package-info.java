/**
 * What runs off the request path, for every feature: the clock all code reads and work repeated at
 * intervals on the container's scheduled executor. Knows no feature.
 */
package io.resetflow.background;
