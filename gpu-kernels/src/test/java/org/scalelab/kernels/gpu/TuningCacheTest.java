package org.scalelab.kernels.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.common.InvalidParameterException;

class TuningCacheTest {
    @Test
    void roundTripsPerDevice(@TempDir Path dir) {
        TuningCache cache = new TuningCache(dir.resolve("sub/tuning.json"));
        assertNull(cache.get("opencl:X:Y"));
        TuningCache.Entry e = new TuningCache.Entry(new Tuning(16, 32, 8, 16, 1, 8), 1024, 123.4, "2026-11-22");
        cache.put("opencl:X:Y", e);
        cache.put("opencl:X:Z", new TuningCache.Entry(new Tuning(8, 8, 8, 8, 0, 4), 512, 1.0, "2026-11-22"));
        assertEquals(e, new TuningCache(dir.resolve("sub/tuning.json")).get("opencl:X:Y"));
        assertEquals(2, cache.read().size());
    }

    @Test
    void tuningRejectsImpossibleShapes() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new Tuning(16, 0, 8, 16, 0, 4));
        assertEquals("wg_x", e.field());
        assertEquals("work", assertThrows(InvalidParameterException.class, () -> new Tuning(16, 8, 8, 16, 0, 6)).field());
    }
}
