/** Java CPU kernels (scalar and Vector API) and the native BLAS reference. */
package org.scalelab.kernels.cpu;
