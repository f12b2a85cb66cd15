package dev.callsheet.intake.internal;

import dev.callsheet.web.Rate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code callsheet.intake.*} for the public web form, all enforced on the raw request before its body is read:
 * {@code max-body} (default 64KB) the largest post, {@code per-address} (default {@code 20/1m}) the posts one
 * client address may make to one workspace, {@code per-workspace} (default {@code 200/1h}) the posts one workspace
 * takes from everyone together. Rates are {@code count/duration} token buckets, several joined by commas.
 */
@ConfigurationProperties("callsheet.intake")
public record IntakeSettings(DataSize maxBody, String perAddress, String perWorkspace) {

    public IntakeSettings {
        maxBody = maxBody == null ? DataSize.ofKilobytes(64) : maxBody;
        perAddress = perAddress == null || perAddress.isBlank() ? "20/1m" : perAddress;
        perWorkspace = perWorkspace == null || perWorkspace.isBlank() ? "200/1h" : perWorkspace;
        if (maxBody.toBytes() < 1) {
            throw new IllegalArgumentException("callsheet.intake.max-body must be positive");
        }
        // fields are assigned when the compact constructor ends: check the parameters
        Rate.parse("callsheet.intake.per-address", perAddress);
        Rate.parse("callsheet.intake.per-workspace", perWorkspace);
    }

    public List<Rate> addressRates() {
        return Rate.parse("callsheet.intake.per-address", perAddress);
    }

    public List<Rate> workspaceRates() {
        return Rate.parse("callsheet.intake.per-workspace", perWorkspace);
    }
}
