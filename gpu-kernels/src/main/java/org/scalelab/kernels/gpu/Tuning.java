package org.scalelab.kernels.gpu;

import org.scalelab.common.Check;

/**
 * Launch parameters of the local-memory kernels. {@code tile} is the square work-group side of
 * {@link TiledKernel}; {@code wgX x wgY}, {@code tileK} and {@code padding} shape
 * {@link RegisterBlockedKernel} (C tile {@code 4 wgY x 4 wgX} floats, local memory
 * {@code tileK (4 wgY + padding + 4 wgX + padding)} floats).
 *
 * @param tile    side of the tiled kernel's square work-group and tiles, work-items
 * @param wgX     register-blocked work-group width, work-items
 * @param wgY     register-blocked work-group height, work-items
 * @param tileK   k depth of a staged register-blocked tile, elements
 * @param padding extra floats per local row against bank conflicts
 */
public record Tuning(int tile, int wgX, int wgY, int tileK, int padding) {
    public Tuning {
        Check.inRange("tile", tile, 1, 64);
        Check.inRange("wg_x", wgX, 1, 64);
        Check.inRange("wg_y", wgY, 1, 64);
        Check.inRange("tile_k", tileK, 1, 128);
        Check.inRange("padding", padding, 0, 8);
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
        return (long) tileK * (4L * wgY + padding + 4L * wgX + padding) * Float.BYTES;
    }
}
