package io.tideline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The import directions of DESIGN.md and STYLE.md, checked on the compiled core. */
class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.tideline");

  @Test
  void core_neverImportsConnectorsOrSpark() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.spark..",
            "org.apache.kafka..",
            "io.delta..",
            "io.tideline.kafka..",
            "io.tideline.delta..")
        .check(CORE);
  }

  @Test
  void types_dependOnNothingButThemselvesAndTheTypeParser() {
    noClasses()
        .that()
        .resideInAPackage("io.tideline.types..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tideline.internal.exec..",
            "io.tideline.internal.plan..",
            "io.tideline.internal.eval..",
            "io.tideline.internal.vector..")
        .check(CORE);
  }

  @Test
  void vectors_doNotDependOnPlansOrExecution() {
    noClasses()
        .that()
        .resideInAPackage("io.tideline.internal.vector..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tideline.internal.exec..",
            "io.tideline.internal.plan..",
            "io.tideline.internal.eval..")
        .check(CORE);
  }
}
