package io.masthead;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the layers apart, checked on the compiled classes: a break fails the build
 * with the rule and the offending dependency named. The layers, bottom up: {@code command} and
 * {@code text} (shared by every feature), {@code storage}, {@code change}, the features (each with
 * its repository and its desk), then {@code web} (handlers: parse, call one command or read,
 * render) and the wiring in {@code io.masthead}.
 */
class ArchitectureTest {
  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.masthead");

  /** The feature packages whose SQL lives in their repositories only. */
  static final String[] FEATURES_WITH_REPOSITORIES = {
    "io.masthead.article..",
    "io.masthead.section..",
    "io.masthead.series..",
    "io.masthead.tag..",
    "io.masthead.author..",
    "io.masthead.frontpage..",
    "io.masthead.demo..",
    "io.masthead.search..",
    "io.masthead.webhook..",
    "io.masthead.cdn..",
    "io.masthead.media..",
    "io.masthead.backup..",
    "io.masthead.origin..",
    "io.masthead.wordpress..",
    "io.masthead.wire..",
    "io.masthead.command..",
    "io.masthead.text.."
  };

  @Test
  void no_package_depends_on_itself_through_others() {
    slices().matching("io.masthead.(**)").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void features_never_import_the_web_layer() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.masthead.web..")
        .and()
        .resideOutsideOfPackage("io.masthead")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.masthead.web..")
        .because("the web layer calls the features, never the other way round")
        .check(CLASSES);
  }

  @Test
  void handlers_never_touch_the_database_directly() {
    noClasses()
        .that()
        .resideInAPackage("io.masthead.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.jdbi..", "java.sql..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.masthead.storage.Database")
        .because(
            "a handler parses, makes one call to a desk or a repository, and renders; writes go through the desks")
        .check(CLASSES);
  }

  @Test
  void only_repositories_run_sql_in_the_features() {
    noClasses()
        .that()
        .resideInAnyPackage(FEATURES_WITH_REPOSITORIES)
        .and()
        .haveSimpleNameNotEndingWith("Repository")
        .should(runSql())
        .because(
            "a feature's SQL lives in its repository; its desk holds the rules and the transaction")
        .check(CLASSES);
  }

  @Test
  void what_commands_share_depends_on_nothing_else_of_masthead() {
    noClasses()
        .that()
        .resideInAPackage("io.masthead.command..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("io.masthead.command..", "java..")
        .check(CLASSES);
  }

  private static ArchCondition<JavaClass> runSql() {
    var statements =
        Set.of("createQuery", "createUpdate", "prepareBatch", "execute", "createScript", "select");
    return new ArchCondition<>("run SQL on a JDBI handle") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (JavaMethodCall call : item.getMethodCallsFromSelf()) {
          var owner = call.getTargetOwner().getName();
          if (owner.equals("org.jdbi.v3.core.Handle") && statements.contains(call.getName())) {
            events.add(SimpleConditionEvent.violated(call, call.getDescription()));
          }
        }
      }
    };
  }
}
