/** The {@code kind: memory} parameter record: what a memory parameter file and the memory commands bind to. */
package org.scalelab.memory.params;
