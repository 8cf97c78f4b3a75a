/** Report sections (the interface a domain implements), the report context, the HTML report and its writer. */
package org.scalelab.report;
