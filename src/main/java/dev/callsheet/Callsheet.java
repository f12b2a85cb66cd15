package dev.callsheet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Callsheet: one deployable for telesales and appointment-setting teams. Each direct
 * sub-package is a business module; {@code web} and {@code database} are shared by all.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
@Modulithic(sharedModules = {"web", "database"})
public class Callsheet {

    public static void main(String[] args) {
        SpringApplication.run(Callsheet.class, args);
    }
}
