package org.scalelab.reports.scaling;

import java.util.Iterator;
import org.scalelab.scaling.Law;

/**
 * The law names picocli lists in {@code --law} help texts ({@code ${COMPLETION-CANDIDATES}}), read
 * from the one registry, {@link Law#names()}, so help and validation cannot drift apart.
 */
public final class LawNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Law.names().iterator();
    }

    /**
     * The laws that predict a loss, for help texts (annotation values must be constants, so this is
     * written out; {@code LawNamesTest} checks it against {@link Law#namesWithLoss()}).
     */
    public static final String WITH_LOSS = "epoch, chinchilla, chinchilla-tex and kaplan";
}
