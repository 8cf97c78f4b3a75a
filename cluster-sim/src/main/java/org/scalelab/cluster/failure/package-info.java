/** Failure processes of a training job: per-cause MTBFs, the Llama 3 interruption table, exponential and Weibull gaps. */
package org.scalelab.cluster.failure;
