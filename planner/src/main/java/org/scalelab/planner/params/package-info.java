/** The {@code kind: plan} parameter record. */
package org.scalelab.planner.params;
