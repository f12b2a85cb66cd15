package dev.callsheet.workspace.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminPassword the first administrator's password ({@code CALLSHEET_ADMIN_PASSWORD});
 *     when empty one is generated and logged once
 * @param workspaceName the name of the first workspace
 */
@ConfigurationProperties("callsheet.bootstrap")
record BootstrapSettings(String adminPassword, @DefaultValue("My company") String workspaceName) {
}
