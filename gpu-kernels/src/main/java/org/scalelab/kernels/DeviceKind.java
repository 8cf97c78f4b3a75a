package org.scalelab.kernels;

import java.util.Arrays;
import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/** The kinds of device a measurement can ask for, by their command-line names. */
public enum DeviceKind implements Keyed {
    OPENCL_GPU("opencl-gpu"),
    OPENCL_CPU("opencl-cpu"),
    /** Any other OpenCL device type (accelerators). */
    OPENCL_OTHER("opencl-other"),
    /** Aparapi's Java thread pool (the mode it silently falls back to). */
    JTP("jtp"),
    JAVA("java"),
    NATIVE("native");

    private final String key;

    DeviceKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public boolean isOpenCl() {
        return this == OPENCL_GPU || this == OPENCL_CPU || this == OPENCL_OTHER;
    }

    /** Which kernel family runs on this kind. */
    public SgemmKernel.Family family() {
        return switch (this) {
            case JAVA -> SgemmKernel.Family.JAVA;
            case NATIVE -> SgemmKernel.Family.NATIVE;
            default -> SgemmKernel.Family.APARAPI;
        };
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(DeviceKind::key).toList();
    }

    /** The kind called {@code name}; an unknown name fails listing the valid ones. */
    public static DeviceKind byName(String field, String name) {
        Check.oneOf(field, name, names());
        return Arrays.stream(values()).filter(k -> k.key.equals(name)).findFirst().orElseThrow();
    }

    @Override
    public String toString() {
        return key;
    }
}
