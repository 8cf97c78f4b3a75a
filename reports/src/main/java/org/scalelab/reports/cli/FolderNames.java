package org.scalelab.reports.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The subfolder of {@code --out} that each parameter file of {@code run} or {@code demo} writes
 * into: the file's name without its extension, made unique in argument order. Two files with the
 * same name ({@code a/config.yaml}, {@code b/config.yaml}, or {@code x.yaml} and {@code x.json})
 * get {@code config} and {@code config-2}, so neither report replaces the other. Names are compared
 * ignoring case, because {@code Config} and {@code config} are one folder on macOS and Windows.
 */
final class FolderNames {
    private FolderNames() {}

    /** One folder name per file, in the order given; the same files in the same order always get the same names. */
    static List<String> of(List<Path> files) {
        List<String> stems = files.stream().map(FolderNames::stem).toList();
        Set<String> stemsTaken = new HashSet<>();
        stems.forEach(s -> stemsTaken.add(key(s)));
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (String stem : stems) {
            String name = stem;
            for (int n = 2; used.contains(key(name)) || (!name.equals(stem) && stemsTaken.contains(key(name))); n++) {
                // a suffixed name never takes the plain name of a later file (a/x.yaml, b/x.yaml, x-2.yaml)
                name = stem + "-" + n;
            }
            used.add(key(name));
            names.add(name);
        }
        return names;
    }

    /** The file's name without its extension. */
    static String stem(Path file) {
        return file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
