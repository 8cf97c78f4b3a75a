/** The {@code scalelab} command: wires every domain's commands and sections; {@code run} and {@code demo}. */
package org.scalelab.reports.cli;
