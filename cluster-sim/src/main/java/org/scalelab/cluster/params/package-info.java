/** The {@code kind: cluster} parameter record: what a cluster parameter file and the cluster commands bind to. */
package org.scalelab.cluster.params;
