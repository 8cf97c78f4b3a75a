package org.scalelab.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeBlasCoreTypeTest {

    @Test
    void coreTypeFollowsOpenBlasDispatch() {
        // OpenBLAS driver/others/dynamic.c: AVX-512F selects the SkylakeX kernels, AVX2 alone Haswell's.
        assertEquals("SkylakeX (AVX-512)", NativeBlas.coreTypeForFlags(Set.of("avx", "avx2", "avx512f")));
        assertEquals("Haswell (AVX2)", NativeBlas.coreTypeForFlags(Set.of("avx", "avx2", "fma")));
        assertEquals("Cooperlake (AVX-512)", NativeBlas.coreTypeForFlags(Set.of("avx2", "avx512f", "avx512_bf16")));
        assertEquals("unknown", NativeBlas.coreTypeForFlags(Set.of()));
    }

    @Test
    void everyNativeFigureCarriesItsCoreType() {
        assertTrue(NativeBlas.description().contains("core type "), NativeBlas.description());
        String forced = System.getenv("OPENBLAS_CORETYPE");
        assertTrue(forced == null || forced.isBlank() ? NativeBlas.coreType().contains("OPENBLAS_CORETYPE unset")
                : NativeBlas.coreType().startsWith(forced.trim()), NativeBlas.coreType());
    }
}
