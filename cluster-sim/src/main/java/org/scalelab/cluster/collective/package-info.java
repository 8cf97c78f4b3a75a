/** Alpha-beta models of NCCL collectives (ring, tree, hierarchical), with nccl-tests bus bandwidth. */
package org.scalelab.cluster.collective;
