/** Aparapi/OpenCL kernels, devices and autotuning. */
package org.scalelab.kernels.gpu;
