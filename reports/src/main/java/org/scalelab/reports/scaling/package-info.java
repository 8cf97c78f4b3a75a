/** The scaling commands, the {@code kind: scaling} and {@code kind: scaling-fit} report sections and their charts. */
package org.scalelab.reports.scaling;
