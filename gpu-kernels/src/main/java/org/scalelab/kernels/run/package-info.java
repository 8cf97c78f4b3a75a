/**
 * Runs the kernels: device discovery ({@link org.scalelab.kernels.run.Devices}), the measurement
 * harness ({@link org.scalelab.kernels.run.SgemmRunner}) and what it is asked and answers
 * ({@link org.scalelab.kernels.run.RunSpec}, {@link org.scalelab.kernels.run.RunResult}). It calls the
 * {@code cpu} and {@code gpu} packages; they use only the kernel, target and input types of
 * {@code org.scalelab.kernels}, so no package reaches itself through another.
 */
package org.scalelab.kernels.run;
