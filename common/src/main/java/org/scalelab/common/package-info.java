/** What every module shares: parameter checks and the one bad-input exception, units, GPU presets with their data-sheet sources. */
package org.scalelab.common;
