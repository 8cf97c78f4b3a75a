/** The {@code kind: scaling} and {@code kind: scaling-fit} parameter records. */
package org.scalelab.scaling.params;
