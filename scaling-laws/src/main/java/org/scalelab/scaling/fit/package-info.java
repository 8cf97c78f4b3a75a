/** Fitting scaling laws to runs: Chinchilla Approaches 1-3, IsoFLOP grouping, bootstrap. */
package org.scalelab.scaling.fit;
