package dev.callsheet.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Pages;
import dev.callsheet.support.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a sign-in decides (issue 26, point 9): the language picked on the sign-in page is kept (it becomes the
 * person's language; without a pick their stored one holds), and the platform administrator is asked which
 * workspace to work in instead of landing in the one made for them on the first start.
 */
class SignInChoicesIntegrationTests extends IntegrationTest {

    private static final Pattern LANG = Pattern.compile("<html[^>]* lang=\"([a-z-]+)\"");

    @Autowired
    JdbcClient jdbc;

    @Test
    void theLanguagePickedAtSignInIsKeptElseTheStoredOne() {
        Tenant tenant = Tenant.create(api, "Languages AS");
        String username = "sofie-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "pw-" + UUID.randomUUID();
        assertThat(tenant.asAdmin().post("/api/v1/users", Map.of("username", username, "password", password,
                "roles", List.of("AGENT"), "displayName", "Sofie", "locale", "nb")).status()).isEqualTo(201);

        // no pick: the stored Norwegian
        assertThat(lang(Pages.signIn(port, username, password).get("/").body())).isEqualTo("nb");

        // Russian picked on the sign-in page: the pages after it are Russian, and it is now her language
        Pages picking = Pages.signedOut(port);
        assertThat(lang(picking.get("/login?lang=ru").body())).isEqualTo("ru");
        Pages.Response signedIn = picking.post("/login", Map.of("username", username, "password", password));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).doesNotContain("error");
        assertThat(lang(picking.get("/").body())).isEqualTo("ru");
        assertThat(api.as(username, password).get("/api/v1/me").json().get("locale").asText()).isEqualTo("ru");

        // the pick was used up: a later sign-in on the same browser starts in her (now Russian) language,
        // and one where she changed it back on her account page honours that
        assertThat(lang(Pages.signIn(port, username, password).get("/").body())).isEqualTo("ru");
        Pages again = Pages.signIn(port, username, password);
        assertThat(again.post("/account/preferences", Map.of("locale", "nb", "timeZone", "Europe/Oslo")).status())
                .isEqualTo(302);
        assertThat(lang(Pages.signIn(port, username, password).get("/").body())).isEqualTo("nb");
    }

    @Test
    void thePlatformAdminIsAskedWhichWorkspaceToWorkIn() {
        Tenant.create(api, "Chooser AS"); // the platform admin exists and has its first-start workspace
        jdbc.sql("UPDATE app_user SET workspace_chosen_at = NULL WHERE username = 'admin'").update();
        Pages admin = Pages.signedOut(port);
        Pages.Response signedIn = admin.post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).endsWith("/workspace/choose");
        // no page is reachable before the choice: nothing lands silently in a workspace
        Pages.Response elsewhere = admin.get("/leads/imports");
        assertThat(elsewhere.status()).isEqualTo(302);
        assertThat(elsewhere.location()).endsWith("/workspace/choose");
        Pages.Response chooser = admin.get("/workspace/choose");
        assertThat(chooser.status()).isEqualTo(200);
        assertThat(chooser.body()).contains("Which workspace do you want to work in?");
        Matcher choice = Pattern.compile("name=\"workspaceId\" value=\"([0-9a-f-]{36})\"").matcher(chooser.body());
        assertThat(choice.find()).as(chooser.body()).isTrue();
        String chosen = choice.group(1);

        admin.tokenFrom("/workspace/choose");
        Pages.Response picked = admin.post("/workspace/switch", Map.of("workspaceId", chosen));
        assertThat(picked.status()).isEqualTo(302);
        assertThat(admin.get("/leads/imports").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT current_workspace_id::text FROM app_user WHERE username = 'admin'")
                .query(String.class).single()).isEqualTo(chosen);

        // chosen once, not asked again
        Pages next = Pages.signedOut(port);
        Pages.Response second = next.post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
        assertThat(second.location()).doesNotContain("/workspace/choose");
        assertThat(next.get("/leads/imports").status()).isEqualTo(200);
    }

    private static String lang(String html) {
        Matcher m = LANG.matcher(html);
        return m.find() ? m.group(1) : "none";
    }
}
