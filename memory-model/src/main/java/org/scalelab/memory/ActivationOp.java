package org.scalelab.memory;

/**
 * One tensor a transformer block keeps for its backward pass.
 *
 * @param name  what the tensor is, e.g. "fc1 output (activation input)"
 * @param bytes bytes per layer on one GPU
 */
public record ActivationOp(String name, double bytes) {}
