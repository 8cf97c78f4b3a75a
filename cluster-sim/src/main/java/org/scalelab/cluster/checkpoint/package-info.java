/** Checkpoint policies: fixed, Young 1974 and Daly 2006 intervals, checkpoint cost, chosen by name. */
package org.scalelab.cluster.checkpoint;
