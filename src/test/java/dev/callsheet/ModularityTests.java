package dev.callsheet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.Options;

/**
 * No module reaches into another's internals, and the module documentation stays current: the diagrams and
 * module canvases in {@code docs/modules} are rewritten from the code on every run, so a change to a module's
 * API shows up in the diff that makes it.
 */
class ModularityTests {

    /** Where the generated module documentation lives, committed with the code it describes. */
    static final Path MODULE_DOCS = Path.of("docs/modules");

    private final ApplicationModules modules = ApplicationModules.of(Callsheet.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() throws IOException {
        new Documenter(modules, Options.defaults().withOutputFolder(MODULE_DOCS.toString())).writeDocumentation();
        try (Stream<Path> files = Files.list(MODULE_DOCS)) {
            for (Path file : files.toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                List<String> stable = stableOrder(lines);
                if (!stable.equals(lines)) {
                    Files.write(file, stable, StandardCharsets.UTF_8);
                }
            }
        }
    }

    /**
     * The Documenter writes a diagram's relations and a canvas's lists in the order of hash sets, which differs from
     * run to run; sorted, the committed files change only when the modules do. Sorts each run of {@code Rel(…)} lines
     * (PlantUML) and each run of list items ({@code * …}, the first possibly a table cell's {@code |* …}; AsciiDoc).
     */
    static List<String> stableOrder(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            boolean relation = line.startsWith("Rel(");
            boolean item = line.startsWith("* ") || line.startsWith("|* ");
            if (!relation && !item) {
                out.add(line);
                i++;
                continue;
            }
            boolean cell = line.startsWith("|");
            List<String> run = new ArrayList<>();
            run.add(cell ? line.substring(1) : line);
            i++;
            while (i < lines.size() && (relation ? lines.get(i).startsWith("Rel(") : lines.get(i).startsWith("* "))) {
                run.add(lines.get(i));
                i++;
            }
            run.sort(null);
            if (cell) {
                run.set(0, "|" + run.get(0));
            }
            out.addAll(run);
        }
        return out;
    }
}
