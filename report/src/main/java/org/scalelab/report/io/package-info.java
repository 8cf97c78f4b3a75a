/** Atomic file writes, JSON and CSV. */
package org.scalelab.report.io;
