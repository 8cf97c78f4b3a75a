/** Implementation details of the cluster simulator; not API. */
package org.scalelab.cluster.internal;
