package dev.callsheet;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** No module reaches into another's internals, and the module documentation stays current. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(Callsheet.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
