/** Published matrix-multiply results of the GPGPU era, each with its source. */
package org.scalelab.kernels.history;
