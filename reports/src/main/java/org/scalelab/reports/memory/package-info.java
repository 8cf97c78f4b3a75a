/** The memory commands, the {@code kind: memory} report section and its charts. */
package org.scalelab.reports.memory;
