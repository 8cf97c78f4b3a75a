/**
 * Single-precision matrix-multiply kernels: their registry, the devices they run on, inputs,
 * accuracy checks and measurements. The harness that runs them lives in {@code run}.
 */
package org.scalelab.kernels;
