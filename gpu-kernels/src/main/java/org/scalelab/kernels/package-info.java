/** Single-precision matrix-multiply kernels, their registry, inputs and measurement harness. */
package org.scalelab.kernels;
