/**
 * What runs off the request path, for every feature: the clock all code reads, work repeated at intervals,
 * and the bounded backlog of requests accepted at a page and processed afterwards, each in a transaction of
 * its own. Knows no feature.
 */
package io.resetflow.background;
