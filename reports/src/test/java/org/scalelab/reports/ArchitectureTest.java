package org.scalelab.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scalelab.common.Keyed;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemoryModel;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.ZeroStage;
import org.scalelab.reports.archfixture.ModelCallingCharts;
import org.scalelab.reports.archfixture.RowReadingCharts;

/**
 * The dependency rules of the layout (CONTRIBUTING.md): the domain modules know nothing of the
 * report library or the app, the report library knows no domain, and no package reaches itself
 * through others, and chart classes only draw rows ({@link ChartsDrawRows}). Checked on the main classes of every module on this module's classpath, which
 * as the app's is all of them but the Spark sweeps.
 */
class ArchitectureTest {
    /** The domain modules' packages and their subpackages ({@code common} is shared by all and depends on none). */
    private static final String[] DOMAIN = ChartsDrawRows.DOMAIN.stream().map(p -> p + "..").toArray(String[]::new);

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.scalelab");
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("org.scalelab.(**)").should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void domainModulesDoNotDependOnTheReportLibraryOrTheApp() {
        noClasses().that().resideInAnyPackage(DOMAIN).or().resideInAPackage("org.scalelab.common..")
                .should().dependOnClassesThat().resideInAnyPackage("org.scalelab.report..", "org.scalelab.reports..")
                .check(classes);
    }

    @Test
    void theReportLibraryDependsOnNoDomainModuleNorTheApp() {
        noClasses().that().resideInAPackage("org.scalelab.report..")
                .should().dependOnClassesThat().resideInAnyPackage(DOMAIN)
                .orShould().dependOnClassesThat().resideInAPackage("org.scalelab.reports..")
                .check(classes);
    }

    @Test
    void chartClassesDrawRowsAndCallNoDomainModel() {
        ChartsDrawRows.RULE.check(classes);
    }

    @Test
    void theChartRuleRejectsAChartThatComputesAndAcceptsOneThatReadsRows() {
        JavaClasses fixtures = new ClassFileImporter().importClasses(ModelCallingCharts.class, RowReadingCharts.class,
                MemoryModel.class, MemoryBreakdown.class, TrainingSetup.class, ZeroStage.class);
        EvaluationResult computing = ChartsDrawRows.RULE.evaluate(fixtures.that(JavaClass.Predicates.simpleName("ModelCallingCharts")));
        assertEquals(2, computing.getFailureReport().getDetails().size(), computing.getFailureReport().toString());
        assertTrue(computing.getFailureReport().getDetails().get(0).contains("MemoryModel.estimate")
                || computing.getFailureReport().getDetails().get(1).contains("MemoryModel.estimate"));
        EvaluationResult reading = ChartsDrawRows.RULE.evaluate(fixtures.that(JavaClass.Predicates.simpleName("RowReadingCharts")));
        assertFalse(reading.hasViolation(), reading.getFailureReport().toString());
    }

    @Test
    void everyRegistryExposesItsKeyAsKey() {
        classes().that(new DescribedPredicate<JavaClass>("are registries (have a static byName)") {
            @Override
            public boolean test(JavaClass c) {
                return c.getMethods().stream().anyMatch(m -> m.getName().equals("byName") && m.getModifiers().contains(JavaModifier.STATIC));
            }
        }).should().implement(Keyed.class)
                .because("parameter files and options name a preset, law, table or strategy by its key(), one accessor name everywhere")
                .check(classes);
    }
}
