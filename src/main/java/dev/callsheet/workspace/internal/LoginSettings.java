package dev.callsheet.workspace.internal;

import dev.callsheet.web.Rate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callsheet.login.*}: how many failed sign-ins the {@link LoginThrottle} lets through, as rates
 * ({@code count/duration}, several joined by commas). {@code per-account} (default {@code 5/5m,30/1h}: five
 * in a row, then one a minute, at most thirty an hour) counts one username's failures from anywhere;
 * {@code per-address} (default {@code 50/15m}) counts one client address's failures against the accounts of one
 * workspace, so a crowd behind one office NAT or a guesser locks out nobody of another workspace.
 */
@ConfigurationProperties("callsheet.login")
public record LoginSettings(String perAccount, String perAddress) {

    public LoginSettings {
        perAccount = perAccount == null || perAccount.isBlank() ? "5/5m,30/1h" : perAccount;
        perAddress = perAddress == null || perAddress.isBlank() ? "50/15m" : perAddress;
        // fields are assigned when the compact constructor ends: check the parameters
        Rate.parse("callsheet.login.per-account", perAccount);
        Rate.parse("callsheet.login.per-address", perAddress);
    }

    List<Rate> accountRates() {
        return Rate.parse("callsheet.login.per-account", perAccount);
    }

    List<Rate> addressRates() {
        return Rate.parse("callsheet.login.per-address", perAddress);
    }
}
