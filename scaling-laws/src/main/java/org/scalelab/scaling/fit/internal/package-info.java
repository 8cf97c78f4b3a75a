/** Implementation details of the fits; not API. */
package org.scalelab.scaling.fit.internal;
