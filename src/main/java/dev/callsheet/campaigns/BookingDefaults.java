package dev.callsheet.campaigns;

import dev.callsheet.campaigns.internal.ProjectRepository;
import dev.callsheet.web.ApiProblem;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a project's booking dialog starts with: its default meeting type (issue 25). A project may have none;
 * then the agent chooses a type for each booking, and no code anywhere assumes on-site.
 */
@Service
public class BookingDefaults {

    /** The form and API field a bad default is reported under. */
    public static final String FIELD = "defaultMeetingType";

    private final ProjectRepository repository;
    private final ObjectProvider<MeetingTypeCatalog> catalog;

    BookingDefaults(ProjectRepository repository, ObjectProvider<MeetingTypeCatalog> catalog) {
        this.repository = repository;
        this.catalog = catalog;
    }

    /** The project's default meeting type, if it chose one; a project of another workspace has none. */
    @Transactional(readOnly = true)
    public Optional<String> meetingType(UUID workspaceId, UUID projectId) {
        return repository.defaultMeetingType(workspaceId, projectId);
    }

    /** The types the project may choose from: those the workspace's reps take. */
    public List<MeetingTypeCatalog.Option> choices(UUID workspaceId) {
        MeetingTypeCatalog types = catalog.getIfAvailable();
        return types == null ? List.of() : types.offered(workspaceId);
    }

    /**
     * Sets (or, with a blank code, clears) the project's default meeting type.
     *
     * @throws ApiProblem 404 for a project not in the workspace; 400 naming {@link #FIELD} for a type no rep takes
     */
    @Transactional
    public Optional<String> setMeetingType(UUID workspaceId, UUID projectId, String code) {
        String wanted = code == null || code.isBlank() ? null : code.strip().toUpperCase(Locale.ROOT);
        if (wanted != null) {
            List<MeetingTypeCatalog.Option> choices = choices(workspaceId);
            if (!wanted.matches("[A-Z][A-Z0-9_]{1,29}")
                    || choices.stream().noneMatch(o -> o.code().equals(wanted))) {
                throw ApiProblem.badRequest(FIELD, FIELD + " must be a meeting type your reps take ("
                        + String.join(", ", choices.stream().map(MeetingTypeCatalog.Option::code).toList())
                        + "), or empty for none");
            }
        }
        if (!repository.setDefaultMeetingType(workspaceId, projectId, wanted)) {
            throw ApiProblem.notFound("project");
        }
        return Optional.ofNullable(wanted);
    }
}
