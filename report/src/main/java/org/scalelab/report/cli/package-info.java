/** Command-line pieces every front end shares: output formats, number converters, progress bars. */
package org.scalelab.report.cli;
