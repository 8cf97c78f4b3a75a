/** The kernels commands, the {@code kind: kernels} report section and its charts. */
package org.scalelab.reports.kernels;
