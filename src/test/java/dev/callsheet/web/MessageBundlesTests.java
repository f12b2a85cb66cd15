package dev.callsheet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bundle speaks every key, translated; every key a template names exists; and no template
 * carries text a translator could not reach.
 */
class MessageBundlesTests {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path TEMPLATES = RESOURCES.resolve("templates");

    /** Words spelled the same in a language as in English (checked by a speaker), which may stand untranslated. */
    private static final java.util.Map<String, Set<String>> SAME_AS_ENGLISH = java.util.Map.of(
            "nb", Set.of("Team", "Region", "Status", "Administrator", "Import", "person", "Send"),
            "es", Set.of("Roles", "Supervisor", "Web", "Material"),
            "ro", Set.of("Calendar", "Agent", "Administrator", "E-mail", "Web", "Import", "Text", "Material"));

    @ParameterizedTest
    @ValueSource(strings = {"nb", "es", "ru", "ko", "ro"})
    void bundleHasEveryKeyTranslated(String language) throws IOException {
        Properties english = load("messages.properties");
        Properties translated = load("messages_" + language + ".properties");

        assertThat(translated.stringPropertyNames()).as("keys of messages_%s", language)
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        List<String> untranslated = new ArrayList<>();
        for (String key : english.stringPropertyNames()) {
            String value = translated.getProperty(key);
            if (value.isBlank()) {
                untranslated.add(key + " is empty");
            }
            if (value.equals(english.getProperty(key)) && value.matches(".*\\p{L}{3,}.*")
                    && !SAME_AS_ENGLISH.getOrDefault(language, Set.of()).contains(value)) {
                untranslated.add(key + " = " + value);
            }
            assertThat(placeholders(value)).as("placeholders of %s in %s", key, language)
                    .isEqualTo(placeholders(english.getProperty(key)));
        }
        assertThat(untranslated).as("untranslated in messages_%s", language).isEmpty();
    }

    @Test
    void everyMessageKeyInTheTemplatesExists() throws IOException {
        Properties english = load("messages.properties");
        Pattern literalKey = Pattern.compile("#\\{([a-zA-Z][\\w.]*)[}(]");
        Set<String> missing = new TreeSet<>();
        for (Path template : templates()) {
            Matcher matcher = literalKey.matcher(Files.readString(template));
            while (matcher.find()) {
                if (!english.containsKey(matcher.group(1))) {
                    missing.add(TEMPLATES.relativize(template) + ": " + matcher.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void templatesHaveNoHardCodedText() throws IOException {
        // Text between tags is only a designer's placeholder when Thymeleaf replaces it.
        Pattern textNode = Pattern.compile("<(\\w+)([^<>]*)>([^<>]*\\p{L}[^<>]*)<");
        List<String> hardCoded = new ArrayList<>();
        for (Path template : templates()) {
            Matcher matcher = textNode.matcher(Files.readString(template));
            while (matcher.find()) {
                String attributes = matcher.group(2);
                boolean replaced = attributes.contains("th:text") || attributes.contains("th:utext")
                        || attributes.contains("th:replace") || attributes.contains("th:insert");
                boolean productName = matcher.group(3).strip().equals("Callsheet");
                if (!replaced && !productName && !matcher.group(1).equals("script")) {
                    hardCoded.add(TEMPLATES.relativize(template) + ": " + matcher.group(3).strip());
                }
            }
        }
        assertThat(hardCoded).isEmpty();
    }

    @Test
    void everySupportedLocaleHasABundle() {
        for (var locale : SupportedLocales.ALL) {
            String file = locale.equals(SupportedLocales.ENGLISH) ? "messages.properties"
                    : "messages_" + locale.getLanguage() + ".properties";
            assertThat(RESOURCES.resolve(file)).exists();
        }
    }

    private static Set<String> placeholders(String value) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\{\\d+}").matcher(value);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(f -> f.toString().endsWith(".html")).toList();
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
