/** The cluster commands, the {@code kind: cluster} report section and its charts. */
package org.scalelab.reports.cluster;
