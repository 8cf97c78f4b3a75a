package org.scalelab.kernels.gpu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import org.scalelab.common.InvalidParameterException;

/**
 * Autotuning results in one JSON file keyed by device ({@code ran_on} label), the way CLBlast
 * keeps a database of tuned parameters per device: {@code {"opencl:NVIDIA CUDA:NVIDIA H100 80GB
 * HBM3": {"tuning": {...}, "n": 2048, "gflops": ..., "tuned_at": "..."}}}.
 */
public final class TuningCache {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * One device's winning tuning.
     *
     * @param tuning  the parameters
     * @param n       matrix side it was tuned at
     * @param gflops  what it reached there, GFLOP/s (compute only)
     * @param tunedAt ISO-8601 date of the search
     */
    public record Entry(Tuning tuning, int n, double gflops, String tunedAt) { }

    private final Path file;

    public TuningCache(Path file) {
        this.file = file;
    }

    /** The default location: {@code ~/.scalelab/kernels-tuning.json}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".scalelab", "kernels-tuning.json");
    }

    public Path file() {
        return file;
    }

    /** All entries (empty when the file does not exist). */
    public Map<String, Entry> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            Map<String, Entry> read = MAPPER.readValue(file.toFile(),
                    MAPPER.getTypeFactory().constructMapType(TreeMap.class, String.class, Entry.class));
            return new TreeMap<>(read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tuning cache " + file, e);
        }
    }

    /**
     * Checks the cache before any timing, so that a bad one is not ignored on a run without an
     * OpenCL device (which never reads it): a folder, a file that cannot be read or is not a cache
     * of this shape, or a given file that does not exist and that no autotuning will create.
     *
     * @param given    whether the user named the file ({@code --tuning-cache}, {@code tuning_cache});
     *                 the default file may be absent
     * @param autotune whether the run searches tunings and writes them into the file
     * @return this cache
     * @throws InvalidParameterException naming {@code tuning_cache} and the file
     */
    public TuningCache checked(boolean given, boolean autotune) {
        if (Files.isDirectory(file)) {
            throw new InvalidParameterException("tuning_cache", "must be a JSON file of tunings per device, not a folder", file);
        }
        if (!Files.exists(file)) {
            if (given && !autotune) {
                throw new InvalidParameterException("tuning_cache", "does not exist (without autotuning it is only read;"
                        + " autotuning creates it)", file);
            }
            return this;
        }
        if (!Files.isReadable(file)) {
            throw new InvalidParameterException("tuning_cache", "cannot be read (permission denied)", file);
        }
        try {
            read();
        } catch (UncheckedIOException e) {
            String why = "cannot be read: " + e.getCause().getClass().getSimpleName();
            if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
                var at = j.getLocation();
                why = (j instanceof com.fasterxml.jackson.core.JsonParseException ? "not valid JSON" : "not of that shape")
                        + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
            }
            throw new InvalidParameterException("tuning_cache", "is not a tuning cache (a JSON object of tunings by device;"
                    + " " + why + ")", file);
        }
        return this;
    }

    /** The entry for a device, or null. */
    public Entry get(String deviceKey) {
        return read().get(deviceKey);
    }

    /** Stores a device's entry, replacing the file atomically. */
    public void put(String deviceKey, Entry entry) {
        Map<String, Entry> all = read();
        all.put(deviceKey, entry);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "tuning", ".json");
            MAPPER.writeValue(tmp.toFile(), all);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tuning cache " + file, e);
        }
    }
}
