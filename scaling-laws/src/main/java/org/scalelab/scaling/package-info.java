/** Published scaling laws (Kaplan 2020, Hoffmann 2022 and later): compute-optimal allocation and loss. */
package org.scalelab.scaling;
