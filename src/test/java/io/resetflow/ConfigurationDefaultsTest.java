package io.resetflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.throttle.Limit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every setting has its default in one place, microprofile-config.properties, and the configuration table of
 * docs/operations.md says the same.
 */
class ConfigurationDefaultsTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern KEY_IN_CODE = Pattern.compile("(?:@ConfigProperty\\(name = |get(?:Optional)?Value\\()\"([^\"]+)\"");
    private static final Path TABLE = Path.of("docs/operations.md");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

    @Test
    void noDefaultIsWrittenInTheCode() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            assertThat(files.filter(f -> f.toString().endsWith(".java")))
                    .allSatisfy(f -> assertThat(Files.readString(f)).as(f.toString()).doesNotContain("defaultValue"));
        }
    }

    @Test
    void everySettingTheCodeReadsHasItsDefaultInThePropertiesFileOrIsOptionalAndDocumented() throws IOException {
        Properties defaults = defaults();
        Map<String, String> documented = documentedDefaults();
        for (String key : keysReadByTheCode()) {
            assertThat(defaults.containsKey(key) || documented.containsKey(environmentName(key)))
                    .as("%s has a default in microprofile-config.properties or a row in " + TABLE, key).isTrue();
        }
    }

    @Test
    void theConfigurationTableStatesTheDefaultOfEverySettingInThePropertiesFile() throws IOException {
        Properties defaults = defaults();
        Map<String, String> documented = documentedDefaults();
        for (String key : defaults.stringPropertyNames()) {
            String variable = environmentName(key);
            assertThat(documented).as("row in " + TABLE + " for %s", variable).containsKey(variable);
            assertThat(documented.get(variable)).as("default in " + TABLE + " of %s", variable).isEqualTo("`" + defaults.getProperty(key) + "`");
        }
    }

    private static Set<String> keysReadByTheCode() throws IOException {
        Set<String> keys = new HashSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_IN_CODE.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        for (Limit limit : Limit.values()) {
            keys.add(limit.configKey());
        }
        assertThat(keys).as("keys found in the code").contains("app.base-url", "throttle.window-minutes", "purge.interval-seconds");
        return keys;
    }

    private static Properties defaults() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConfigurationDefaultsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            properties.load(in);
        }
        return properties;
    }

    private static Map<String, String> documentedDefaults() throws IOException {
        Map<String, String> rows = new HashMap<>();
        Matcher m = TABLE_ROW.matcher(Files.readString(TABLE));
        while (m.find()) {
            rows.put(m.group(1), m.group(2).strip());
        }
        return rows;
    }

    /** MicroProfile Config's environment mapping: app.base-url is APP_BASE_URL. */
    private static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
