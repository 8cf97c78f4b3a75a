/**
 * The base kinds a sweep can vary ({@link org.scalelab.sweeps.kinds.SweepKinds}): each extends
 * {@code BaseSweepKind} with its checks and one point's computation through its domain's API.
 */
package org.scalelab.sweeps.kinds;
