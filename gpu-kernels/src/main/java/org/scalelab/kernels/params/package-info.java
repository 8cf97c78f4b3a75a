/** The {@code kind: kernels} parameter record and the kernel/device selections it names. */
package org.scalelab.kernels.params;
