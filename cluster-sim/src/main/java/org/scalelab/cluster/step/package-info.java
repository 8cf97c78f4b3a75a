/** The training-step time model: compute, tensor/pipeline/data-parallel communication, MFU. */
package org.scalelab.cluster.step;
