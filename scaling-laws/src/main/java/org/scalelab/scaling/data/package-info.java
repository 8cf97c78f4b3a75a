/** Training-run data: CSV columns and the shipped data sets. */
package org.scalelab.scaling.data;
