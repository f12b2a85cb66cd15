package dev.callsheet.contacts.internal;

import com.google.common.base.Suppliers;
import dev.callsheet.contacts.Emails;
import dev.callsheet.contacts.NormalizedEmail;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The public mailbox providers of a workspace: the built-in list plus the domains it added. */
@Component
public class MailProviders {

    private final JdbcClient jdbc;

    MailProviders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An e-mail normaliser for one workspace. It reads the workspace's own additions once, when the
     * first domain that is not a built-in provider is asked about: a duplicate check without an
     * e-mail (most are) makes no round trip for them.
     */
    public Function<String, NormalizedEmail> normalizer(UUID workspaceId) {
        Supplier<Set<String>> extra = Suppliers.memoize(() -> new HashSet<>(
                jdbc.sql("SELECT domain FROM public_mail_provider WHERE workspace_id = ?")
                        .param(workspaceId).query(String.class).list()));
        Set<String> builtIn = Emails.publicProviders();
        return raw -> Emails.normalize(raw, domain -> builtIn.contains(domain) || extra.get().contains(domain));
    }

}
