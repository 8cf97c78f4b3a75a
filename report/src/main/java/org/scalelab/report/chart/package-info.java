/** Charts: the XChart theme and the writer that puts PNG, SVG and the CSV/JSON of the same rows side by side. */
package org.scalelab.report.chart;
