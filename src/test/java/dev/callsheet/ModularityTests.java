package dev.callsheet;

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
    static final String MODULE_DOCS = "docs/modules";

    private final ApplicationModules modules = ApplicationModules.of(Callsheet.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules, Options.defaults().withOutputFolder(MODULE_DOCS)).writeDocumentation();
    }
}
