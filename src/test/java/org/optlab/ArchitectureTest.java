package org.optlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rule of DESIGN.md: arrows point down only, and the engine knows nothing of Spring, Vaadin or Jackson. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.optlab");
    }

    @Test
    void engineIsFreeOfSpringVaadinAndJackson() {
        noClasses().that().resideInAPackage("org.optlab.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.vaadin..",
                        "com.fasterxml.jackson..")
                .because("the engine is the lecture's mathematics; it runs headless and in tests without a framework")
                .check(classes);
    }

    @Test
    void engineDependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage("org.optlab.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.optlab.dataset..", "org.optlab.experiment..",
                        "org.optlab.lab..", "org.optlab.sharing..", "org.optlab.ui..")
                .check(classes);
    }

    @Test
    void datasetAndExperimentKnowNothingOfSpringOrVaadinOrTheLayersAbove() {
        noClasses().that().resideInAnyPackage("org.optlab.dataset..", "org.optlab.experiment..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.vaadin..",
                        "org.optlab.lab..", "org.optlab.sharing..", "org.optlab.ui..")
                .check(classes);
        noClasses().that().resideInAPackage("org.optlab.dataset..")
                .should().dependOnClassesThat().resideInAPackage("org.optlab.experiment..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theServiceLayerKnowsNothingOfVaadin() {
        noClasses().that().resideInAPackage("org.optlab.lab..")
                .should().dependOnClassesThat().resideInAnyPackage("com.vaadin..", "org.optlab.ui..",
                        "org.optlab.sharing..")
                .because("the lab runs experiments; saving and sharing them is the sharing service's, above the stores")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void viewsAskTheTabsSessionNotTheValidatorOrTheCodec() {
        noClasses().that().resideInAPackage("org.optlab.ui..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.optlab.experiment.ExperimentValidator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.optlab.experiment.DocumentCodec")
                .because("a view shows what the tab's LabSession says about the experiment; the rules live below it")
                .check(classes);
    }

    @Test
    void sharingKnowsNothingOfVaadinOrTheViews() {
        noClasses().that().resideInAPackage("org.optlab.sharing..")
                .should().dependOnClassesThat().resideInAnyPackage("com.vaadin..", "org.optlab.ui..")
                .because("the rules of saving and sharing are tested and used without a browser; the views only show"
                        + " and ask")
                .check(classes);
    }

    @Test
    void viewsReachTheStoresOnlyThroughTheSharingService() {
        noClasses().that().resideInAPackage("org.optlab.ui..")
                .should().dependOnClassesThat().haveNameMatching("org\\.optlab\\.experiment\\.ExperimentStore(\\$.*)?")
                .orShould().dependOnClassesThat().haveNameMatching("org\\.optlab\\.lab\\.(File)?UploadStore(\\$.*)?")
                .orShould().dependOnClassesThat().haveNameMatching("org\\.optlab\\.sharing\\.(Store|FileStore|PostgresStore)(\\$.*)?")
                .because("owners, quotas, locks and the owner index live in SharingService; a view that used a store"
                        + " directly would bypass them")
                .check(classes);
    }
}
