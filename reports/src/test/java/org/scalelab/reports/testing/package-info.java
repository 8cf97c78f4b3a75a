/** Test helpers shared by the command tests of every domain package. */
package org.scalelab.reports.testing;
