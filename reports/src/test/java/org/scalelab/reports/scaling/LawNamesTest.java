package org.scalelab.reports.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalelab.scaling.Law;

/** The --law help texts list the registry's laws, so help and validation cannot drift apart. */
class LawNamesTest {
    @Test
    void helpListsEveryLawAndTheLossListMatchesTheRegistry() {
        List<String> listed = new ArrayList<>();
        new LawNames().forEach(listed::add);
        assertEquals(Law.names(), listed);
        List<String> withLoss = Law.namesWithLoss();
        String expected = String.join(", ", withLoss.subList(0, withLoss.size() - 1)) + " and " + withLoss.get(withLoss.size() - 1);
        assertEquals(expected, LawNames.WITH_LOSS);
        for (String command : new String[] {"scaling optimal", "scaling loss", "plan"}) {
            String help = org.scalelab.reports.testing.CliRun.run((command + " --help").split(" ")).out();
            for (String law : Law.names()) {
                assertTrue(help.contains(law), command + " --help lacks " + law + ":\n" + help);
            }
        }
    }
}
