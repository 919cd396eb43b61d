package io.resetflow;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Imports point one way: the features (passwordreset, registration, auth, webhook) use the rooms below them (mail,
 * throttle, audit, user, passwordformat, schema, background) and the plumbing (web, mailedlink); neither imports a feature,
 * nothing below imports web, the account knows nothing of mail, mail nothing of rate limits, and a feature uses
 * another feature's services, never its page beans. Checked on the compiled classes, so a fully qualified name counts as much as an import.
 */
class ImportDirectionTest {

    private static final String[] FEATURES = {"io.resetflow.passwordreset..", "io.resetflow.registration..", "io.resetflow.auth..",
            "io.resetflow.webhook.."};
    private static final String[] BELOW = {"io.resetflow.mail..", "io.resetflow.throttle..", "io.resetflow.audit..",
            "io.resetflow.user..", "io.resetflow.passwordformat..", "io.resetflow.schema..", "io.resetflow.background.."};

    /** What the features stand on besides the rooms below: the pages' plumbing and the mailed-link mechanism. */
    private static final String[] PLUMBING = {"io.resetflow.web..", "io.resetflow.mailedlink.."};

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.resetflow");

    @Test
    void nothingBelowTheFeaturesOrInTheirPlumbingImportsAFeature() {
        noClasses().that().resideInAnyPackage(BELOW).or().resideInAnyPackage(PLUMBING)
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(PRODUCT);
    }

    @Test
    void nothingBelowTheFeaturesImportsWeb() {
        noClasses().that().resideInAnyPackage(BELOW)
                .should().dependOnClassesThat().resideInAPackage("io.resetflow.web..")
                .check(PRODUCT);
    }

    @Test
    void theAccountKnowsNothingOfMailAndMailNothingOfRateLimits() {
        noClasses().that().resideInAPackage("io.resetflow.user..")
                .should().dependOnClassesThat().resideInAnyPackage("io.resetflow.mail..", "io.resetflow.throttle..")
                .check(PRODUCT);
        noClasses().that().resideInAPackage("io.resetflow.mail..")
                .should().dependOnClassesThat().resideInAPackage("io.resetflow.throttle..")
                .check(PRODUCT);
    }

    /**
     * One WAR for every server: only the adapter package knows Payara (its classes, its HTTP engine Grizzly, GlassFish's,
     * its data grid Hazelcast and the JCache it offers), and the portable code calls into it only where Payara is present.
     */
    @Test
    void onlyTheAdapterPackageKnowsTheServer() {
        noClasses().that().resideOutsideOfPackage("io.resetflow.payara..")
                .should().dependOnClassesThat().resideInAnyPackage("fish.payara..", "com.sun.grizzly..", "org.glassfish..",
                        "com.hazelcast..", "javax.cache..", "io.github.bucket4j.grid..")
                .check(PRODUCT);
    }

    @Test
    void aFeatureUsesAnotherFeaturesServicesNeverItsPageBeans() {
        for (String feature : FEATURES) {
            noClasses().that().resideOutsideOfPackage(feature)
                    .should().dependOnClassesThat(resideInAPackage(feature).and(simpleNameEndingWith("Backing")))
                    .check(PRODUCT);
        }
    }

    /**
     * A constant of another class is copied into the class that uses it, so the compiled classes do not show it;
     * the imports in the sources do.
     */
    @Test
    void theSourcesImportTheSameWay() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/io/resetflow"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                String room = source.getParent().getFileName().toString();
                Matcher imported = IMPORT.matcher(Files.readString(source));
                while (imported.find()) {
                    String other = imported.group(1);
                    String type = imported.group(2);
                    boolean belowImportsAbove = BELOW_ROOMS.contains(room) && (FEATURE_ROOMS.contains(other) || other.equals("web"));
                    boolean plumbingImportsAFeature = PLUMBING_ROOMS.contains(room) && FEATURE_ROOMS.contains(other);
                    boolean anotherFeaturesPageBean = FEATURE_ROOMS.contains(other) && !other.equals(room) && type.endsWith("Backing");
                    boolean sideways = (room.equals("user") && (other.equals("mail") || other.equals("throttle")))
                            || (room.equals("mail") && other.equals("throttle"));
                    if (belowImportsAbove || plumbingImportsAFeature || anotherFeaturesPageBean || sideways) {
                        wrong.add(source + " imports " + other + "." + type);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.resetflow\\.(\\w+)\\.(\\w+)", Pattern.MULTILINE);
    private static final Set<String> FEATURE_ROOMS = Set.of("passwordreset", "registration", "auth");
    private static final Set<String> PLUMBING_ROOMS = Set.of("web", "mailedlink");
    private static final Set<String> BELOW_ROOMS = Set.of("mail", "throttle", "audit", "user", "passwordformat", "schema", "background");
}
