package dev.callsheet.workspace;

import java.util.Set;

/**
 * A person to add to a workspace. Optional fields may be null: display name defaults to the
 * username, locale to English, time zone to UTC; {@code region} and {@code team} are an id
 * or a name of one in the workspace; {@code email} is where review reports and notices go; {@code hourlyCost}
 * what an hour of their time costs (else their team's, else the workspace's).
 */
public record NewUser(String username, String password, Set<Role> roles, String displayName, String timeZone,
        String locale, String region, String team, String email, java.math.BigDecimal hourlyCost) {

}
