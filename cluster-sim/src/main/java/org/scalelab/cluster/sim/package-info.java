/** The discrete-event simulation of a training run with failures, checkpoints and recovery; deterministic for a seed. */
package org.scalelab.cluster.sim;
