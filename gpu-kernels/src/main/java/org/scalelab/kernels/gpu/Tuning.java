package org.scalelab.kernels.gpu;

import org.scalelab.common.Check;

/**
 * Launch parameters of the local-memory kernels. {@code tile} is the square work-group side of
 * {@link TiledKernel}; {@code wgX x wgY}, {@code tileK}, {@code padding} and {@code work} shape the
 * register-blocked kernel (C tile {@code work wgY x work wgX} floats, local memory
 * {@code tileK (work wgY + padding + work wgX + padding)} floats).
 *
 * @param tile    side of the tiled kernel's square work-group and tiles, work-items
 * @param wgX     register-blocked work-group width, work-items
 * @param wgY     register-blocked work-group height, work-items
 * @param tileK   k depth of a staged register-blocked tile, elements
 * @param padding extra floats per local row against bank conflicts
 * @param work    outputs per work-item in each dimension: 4 ({@link RegisterBlockedKernel}) or 8
 *                ({@link RegisterBlocked8Kernel})
 */
public record Tuning(int tile, int wgX, int wgY, int tileK, int padding, int work) {
    public Tuning {
        Check.inRange("tile", tile, 1, 64);
        Check.inRange("wg_x", wgX, 1, 64);
        Check.inRange("wg_y", wgY, 1, 64);
        Check.inRange("tile_k", tileK, 1, 128);
        Check.inRange("padding", padding, 0, 8);
        if (work != 4 && work != 8) {
            throw new org.scalelab.common.InvalidParameterException("work", "must be 4 or 8", work);
        }
    }

    /** Work-items in a tiled work-group. */
    public int tiledWorkGroupItems() {
        return tile * tile;
    }

    /** Work-items in a register-blocked work-group. */
    public int blockedWorkGroupItems() {
        return wgX * wgY;
    }

    /** Local memory the tiled kernel needs, bytes. */
    public long tiledLocalBytes() {
        return 2L * tile * tile * Float.BYTES;
    }

    /** Local memory the register-blocked kernel needs, bytes. */
    public long blockedLocalBytes() {
        return (long) tileK * ((long) work * wgY + padding + (long) work * wgX + padding) * Float.BYTES;
    }
}
