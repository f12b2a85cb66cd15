package dev.callsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation a clone of the repository carries holds together: every section of the domain page that the code
 * cites exists, and every relative link in the Markdown points to a file that exists. Plain file reading, no Spring.
 */
class DocsTests {

    private static final Path DOMAIN = Path.of("docs/domain.md");

    /** Where citations may live: code, templates, migrations and resources, tests. */
    private static final List<Path> CITING = List.of(Path.of("src/main/java"), Path.of("src/main/resources"),
            Path.of("src/test/java"));

    /**
     * "DOMAIN.md §4", "docs/domain.md §3.1", and the lists and ranges after one: "DOMAIN.md §2, §3.2, §9",
     * "§1–§3", "§3-§5", "§3.1/§3.3", also when a comment's line break falls inside.
     */
    private static final Pattern CITATION = Pattern.compile(
            "(?:docs/domain\\.md|DOMAIN\\.md)((?:[\\s*]*(?:,|/|-|–|and)?[\\s*]*§\\d+(?:\\.\\d+)*)+)");
    private static final Pattern SECTION = Pattern.compile("§(\\d+(?:\\.\\d+)*)");
    private static final Pattern HEADING = Pattern.compile("^#{2,4} §(\\d+(?:\\.\\d+)*) \\S.*$", Pattern.MULTILINE);

    /** Inline links and images, {@code [text](target)}; the target ends at a space (a title follows) or ")". */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");

    @Test
    void everyCitedSectionOfTheDomainPageExists() throws IOException {
        Set<String> headings = sections(Files.readString(DOMAIN));
        Set<String> cited = new TreeSet<>();
        List<String> unresolved = new ArrayList<>();
        for (Path root : CITING) {
            for (Path file : files(root)) {
                String text = read(file);
                if (text == null) {
                    continue;
                }
                for (String section : citations(text)) {
                    cited.add(section);
                    if (!headings.contains(section)) {
                        unresolved.add(file + ": §" + section);
                    }
                }
            }
        }
        assertThat(cited).as("the code cites the domain page").isNotEmpty();
        assertThat(unresolved).as("citations without a heading in " + DOMAIN).isEmpty();
    }

    @Test
    void citationsAreFoundInEveryFormTheCodeWritesThem() {
        assertThat(citations("(DOMAIN.md §2, §3.2, §9). Next")).containsExactly("2", "3.2", "9");
        assertThat(citations("Meetings (DOMAIN.md §1–§3): each")).containsExactly("1", "3");
        assertThat(citations("(DOMAIN.md\n * §5-§8). Each")).containsExactly("5", "8");
        assertThat(citations("DOMAIN.md §3.1/§3.3: the duty")).containsExactly("3.1", "3.3");
        assertThat(citations("see docs/domain.md §9. Then §4 is not one")).containsExactly("9");
        assertThat(citations("(docs/domain.md §4, step 3)")).containsExactly("4");
        assertThat(sections("## §3 Sources\n### §3.1 Inbound calls\n§4 in a sentence\n## §10 Roles"))
                .containsExactlyInAnyOrder("3", "3.1", "10");
    }

    @Test
    void everyRelativeLinkInTheMarkdownPointsToAFile() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("README.md"));
        pages.addAll(files(Path.of("docs")).stream().filter(p -> p.toString().endsWith(".md")).toList());
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            String text = FENCE.matcher(Files.readString(page)).replaceAll("");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("#") || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // an anchor on the same page, or http:, https:, mailto:
                }
                String file = URLDecoder.decode(target.replaceAll("[#?].*$", ""), StandardCharsets.UTF_8);
                Path resolved = (file.startsWith("/") ? Path.of(file.substring(1))
                        : page.toAbsolutePath().getParent().resolve(file)).normalize();
                checked++;
                if (!Files.exists(resolved)) {
                    broken.add(page + " → " + target);
                }
            }
        }
        assertThat(checked).as("relative links checked").isPositive();
        assertThat(broken).as("relative links to files that do not exist").isEmpty();
    }

    static List<String> citations(String text) {
        List<String> found = new ArrayList<>();
        Matcher citation = CITATION.matcher(text);
        while (citation.find()) {
            Matcher section = SECTION.matcher(citation.group(1));
            while (section.find()) {
                found.add(section.group(1));
            }
        }
        return found;
    }

    static Set<String> sections(String markdown) {
        Set<String> found = new TreeSet<>();
        Matcher heading = HEADING.matcher(markdown);
        while (heading.find()) {
            found.add(heading.group(1));
        }
        return found;
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** A text file's content, or null for a binary one (images, fonts, spreadsheets). */
    private static String read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
                if (bytes[i] == 0) {
                    return null;
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
