/** The strict parameter-file reader: YAML or JSON onto a kind's record, errors as {@code file:line field: rule, was value}. */
package org.scalelab.report.params;
