package dev.callsheet.workspace.internal;

import dev.callsheet.workspace.Passwords;
import dev.callsheet.workspace.Role;
import dev.callsheet.workspace.WorkspaceSummary;
import dev.callsheet.workspace.Workspaces;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start (no users yet) creates the platform administrator {@code admin} in a first
 * workspace. Its password comes from {@code CALLSHEET_ADMIN_PASSWORD}, or is generated and
 * printed once. An advisory lock keeps two instances starting together from both doing it.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final Workspaces workspaces;
    private final PasswordEncoder passwords;
    private final BootstrapSettings settings;
    private final JdbcClient jdbc;

    AdminBootstrap(UserRepository users, Workspaces workspaces, PasswordEncoder passwords, BootstrapSettings settings,
            JdbcClient jdbc) {
        this.users = users;
        this.workspaces = workspaces;
        this.passwords = passwords;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('callsheet.bootstrap'))").query().singleValue();
        if (users.count() > 0) {
            return;
        }
        boolean generated = settings.adminPassword() == null || settings.adminPassword().isBlank();
        String password = generated ? Passwords.generate(20) : Checks.password("CALLSHEET_ADMIN_PASSWORD", settings.adminPassword());
        WorkspaceSummary workspace = workspaces.create(settings.workspaceName(), false);
        var id = users.insert(ADMIN, passwords.encode(password), "Administrator", "en", "UTC", true, false,
                workspace.id());
        users.addMembership(workspace.id(), id, EnumSet.of(Role.ADMIN), null, null);
        if (generated) {
            log.warn("""

                    ================================================================
                     Callsheet created its administrator. Sign in with
                       username: {}
                       password: {}
                     This password is shown only once: change it on your account page.
                    ================================================================""", ADMIN, password);
        } else {
            log.info("Created the administrator '{}' with the password from CALLSHEET_ADMIN_PASSWORD", ADMIN);
        }
    }

}
