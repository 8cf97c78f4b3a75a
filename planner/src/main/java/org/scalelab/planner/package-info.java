/** From a compute budget to a failure-aware training plan: allocation, layout search, run model. */
package org.scalelab.planner;
