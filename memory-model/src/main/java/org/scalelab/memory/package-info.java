/** Per-GPU training memory: ZeRO 0-3 model states, Korthikanti activations, offload, buffers, DeepSpeed estimators and solvers. */
package org.scalelab.memory;
