package dev.callsheet.workspace;

import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.internal.Checks;
import dev.callsheet.workspace.internal.WorkspaceRepository;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and finding workspaces (tenants). */
@Service
@Transactional
public class Workspaces {

    private final WorkspaceRepository workspaces;
    private final People people;

    Workspaces(WorkspaceRepository workspaces, People people) {
        this.workspaces = workspaces;
        this.people = people;
    }

    /** A new workspace with its first administrator, as the platform admin creates one for a client. */
    public WorkspaceSummary create(String name, String adminUsername, String adminPassword) {
        WorkspaceSummary workspace = create(name, false);
        try {
            people.createUser(workspace.id(),
                    new NewUser(adminUsername, adminPassword, EnumSet.of(Role.ADMIN), null, null, null, null, null, null, null));
        } catch (ApiProblem problem) {
            // The admin's fields have other names in this request.
            String field = "username".equals(problem.field()) ? "adminUsername"
                    : "password".equals(problem.field()) ? "adminPassword" : problem.field();
            throw new ApiProblem(problem.status(), field, problem.getMessage().replaceFirst("^(username|password)", field));
        }
        return workspace;
    }

    /** A new, empty workspace; {@code demo} marks one seeded with demonstration data. */
    public WorkspaceSummary create(String name, boolean demo) {
        String workspaceName = Checks.text("name", name, 120);
        return workspaces.insert(workspaces.freeKey(workspaceName), workspaceName, demo);
    }

    @Transactional(readOnly = true)
    public Optional<WorkspaceSummary> byKey(String key) {
        return workspaces.byKey(key);
    }

    @Transactional(readOnly = true)
    public Optional<WorkspaceSummary> demoWorkspace() {
        return workspaces.demo();
    }

    /** The ISO 3166 country the workspace sells in (the default for phone numbers), if set. */
    @Transactional(readOnly = true)
    public Optional<String> defaultCountry(UUID workspaceId) {
        return workspaces.defaultCountry(workspaceId);
    }

    public void setDefaultCountry(UUID workspaceId, String country) {
        if (country != null && !country.isBlank() && !java.util.Set.of(java.util.Locale.getISOCountries())
                .contains(country.strip().toUpperCase(java.util.Locale.ROOT))) {
            throw ApiProblem.badRequest("country", "country must be an ISO 3166 code such as NO");
        }
        workspaces.setDefaultCountry(workspaceId,
                country == null || country.isBlank() ? null : country.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * The currency the workspace counts its costs in (hourly costs, cost per appointment) and a new deal's default:
     * the one set, else its default country's, else EUR.
     */
    @Transactional(readOnly = true)
    public String currency(UUID workspaceId) {
        return workspaces.currency(workspaceId).or(() -> defaultCountry(workspaceId).map(Workspaces::currencyOf))
                .orElse("EUR");
    }

    /** Sets the workspace's currency (an ISO 4217 code); null or blank goes back to its country's. */
    public void setCurrency(UUID workspaceId, String currency) {
        String code = null;
        if (currency != null && !currency.isBlank()) {
            try {
                code = java.util.Currency.getInstance(currency.strip().toUpperCase(java.util.Locale.ROOT))
                        .getCurrencyCode();
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("currency", "currency must be an ISO 4217 code such as EUR or NOK");
            }
        }
        workspaces.setCurrency(workspaceId, code);
    }

    private static String currencyOf(String country) {
        try {
            java.util.Currency currency = java.util.Currency.getInstance(new java.util.Locale("", country));
            return currency == null ? null : currency.getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Transactional(readOnly = true)
    public WorkspaceSummary byId(UUID id) {
        return workspaces.byId(id).orElseThrow(() -> ApiProblem.notFound("workspace"));
    }
}
