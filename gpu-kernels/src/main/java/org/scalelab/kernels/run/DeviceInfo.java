package org.scalelab.kernels.run;

/**
 * One OpenCL device as {@code scalelab kernels devices} lists it.
 *
 * @param platform              OpenCL platform name
 * @param platformVersion       platform version string
 * @param name                  device name
 * @param type                  {@code GPU}, {@code CPU}, {@code ACC} ...
 * @param ranOn                 the {@code ran_on} label of runs on this device
 * @param computeUnits          compute units
 * @param maxWorkGroupSize      work-items per work-group, at most
 * @param maxWorkItemSizes      work-items per dimension, at most
 * @param localMemBytes         local memory per work-group, bytes
 * @param globalMemBytes        global memory, bytes
 * @param maxMemAllocBytes      largest single buffer, bytes
 */
public record DeviceInfo(
        String platform,
        String platformVersion,
        String name,
        String type,
        String ranOn,
        int computeUnits,
        int maxWorkGroupSize,
        int[] maxWorkItemSizes,
        long localMemBytes,
        long globalMemBytes,
        long maxMemAllocBytes) { }
