package dev.callsheet.deals;

import dev.callsheet.deals.internal.PipelineRepository;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.People;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A workspace's pipelines, their stages and exit criteria, and its deal settings (docs/domain.md §9). */
@Service
public class Pipelines {

    /** Disqualification reasons a workspace starts with; supervisors edit the list. */
    public static final List<String> DEFAULT_DQ_REASONS = List.of("NO_NEED", "NO_BUDGET", "NO_AUTHORITY",
            "BAD_TIMING", "CHOSE_COMPETITOR", "WENT_DARK", "NOT_A_FIT", "OTHER");

    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

    /** A pipeline as a supervisor sends it. */
    public record Draft(String name, List<Pipeline.Stage> stages, Integer goneDarkDays, BigDecimal stalledFactor,
            Integer minClosedDeals) {
    }

    /** Deal settings as a supervisor sends and reads them. */
    public record Settings(List<String> dqReasons, String accountManagerId) {
    }

    private final PipelineRepository repository;
    private final People people;
    private final Clock clock;

    Pipelines(PipelineRepository repository, People people, Clock clock) {
        this.repository = repository;
        this.people = people;
        this.clock = clock;
    }

    @Transactional
    public Pipeline defaultPipeline(UUID workspaceId) {
        return repository.defaultPipeline(workspaceId, "Sales", clock.instant());
    }

    @Transactional
    public List<Pipeline> pipelines(UUID workspaceId) {
        defaultPipeline(workspaceId);
        return repository.pipelines(workspaceId);
    }

    /** The pipeline, 404 for one of another workspace; null asks for the default. */
    @Transactional
    public Pipeline pipeline(UUID workspaceId, UUID id) {
        if (id == null) {
            return defaultPipeline(workspaceId);
        }
        return repository.pipeline(workspaceId, id).orElseThrow(() -> ApiProblem.notFound("pipeline"));
    }

    @Transactional
    public Pipeline create(CurrentUser user, Draft draft) {
        Pipeline checked = check(user.workspaceId(), null, draft);
        UUID id = repository.create(user.workspaceId(), checked, clock.instant());
        return pipeline(user.workspaceId(), id);
    }

    /** Replaces a pipeline's name, stages and thresholds; stages that open deals are in must stay. */
    @Transactional
    public Pipeline update(CurrentUser user, UUID id, Draft draft) {
        Pipeline current = pipeline(user.workspaceId(), id);
        Pipeline checked = check(user.workspaceId(), current, draft);
        for (String used : repository.stagesInUse(user.workspaceId(), id)) {
            if (checked.stage(used).filter(s -> s.code().equals(used)).isEmpty()) {
                throw ApiProblem.conflict("stages", "open deals are in stage " + used
                        + ": move them before removing it");
            }
        }
        repository.update(user.workspaceId(), checked, clock.instant());
        return pipeline(user.workspaceId(), id);
    }

    private Pipeline check(UUID workspaceId, Pipeline current, Draft draft) {
        if (draft == null) {
            throw ApiProblem.badRequest("name", "send name and stages");
        }
        String name = Inputs.required("name", draft.name(), 80);
        if (repository.nameTaken(workspaceId, name, current == null ? null : current.id())) {
            throw ApiProblem.conflict("name", "a pipeline is already called " + name);
        }
        if (draft.stages() == null || draft.stages().isEmpty()) {
            throw ApiProblem.badRequest("stages", "a pipeline needs at least one stage");
        }
        if (draft.stages().size() > 20) {
            throw ApiProblem.badRequest("stages", "a pipeline has at most 20 stages");
        }
        List<Pipeline.Stage> stages = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < draft.stages().size(); i++) {
            Pipeline.Stage s = draft.stages().get(i);
            String field = "stages[" + i + "]";
            if (s == null) {
                throw ApiProblem.badRequest(field, field + " is empty");
            }
            String stageName = Inputs.optional(field + ".name", s.name(), 60);
            String code = code(field + ".code", s.code() == null && stageName != null
                    ? stageName.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") : s.code());
            if (!codes.add(code.toLowerCase(java.util.Locale.ROOT))) {
                throw ApiProblem.badRequest(field + ".code", "two stages have the code " + code);
            }
            List<Pipeline.Criterion> criteria = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < s.exitCriteria().size(); j++) {
                Pipeline.Criterion c = s.exitCriteria().get(j);
                String cField = field + ".exitCriteria[" + j + "]";
                String label = Inputs.optional(cField + ".label", c == null ? null : c.label(), 120);
                String cCode = code(cField + ".code", c == null ? null : c.code() == null && label != null
                        ? label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                                .replaceAll("^_|_$", "") : c.code());
                if (cCode.startsWith("bq_")) {
                    throw ApiProblem.badRequest(cField + ".code", "codes starting bq_ are the buyer questions");
                }
                if (seen.add(cCode)) {
                    criteria.add(new Pipeline.Criterion(cCode, label));
                }
            }
            stages.add(new Pipeline.Stage(code, stageName, criteria));
        }
        int goneDark = draft.goneDarkDays() == null ? current == null ? 14 : current.goneDarkDays()
                : draft.goneDarkDays();
        if (goneDark < 1 || goneDark > 365) {
            throw ApiProblem.badRequest("goneDarkDays", "goneDarkDays must be 1 to 365");
        }
        BigDecimal factor = draft.stalledFactor() == null ? current == null ? BigDecimal.valueOf(2)
                : current.stalledFactor() : draft.stalledFactor();
        if (factor.compareTo(BigDecimal.ONE) < 0 || factor.compareTo(BigDecimal.TEN) > 0) {
            throw ApiProblem.badRequest("stalledFactor", "stalledFactor must be 1 to 10");
        }
        int min = draft.minClosedDeals() == null ? current == null ? 30 : current.minClosedDeals()
                : draft.minClosedDeals();
        if (min < 10 || min > 100_000) {
            throw ApiProblem.badRequest("minClosedDeals", "minClosedDeals must be at least 10");
        }
        return new Pipeline(current == null ? null : current.id(), name, stages, goneDark, factor, min,
                current != null && current.isDefault());
    }

    private static String code(String field, String value) {
        String code = Inputs.required(field, value, 40);
        if (!CODE.matcher(code).matches()) {
            throw ApiProblem.badRequest(field, field + " must be letters, digits and _ (starting with a letter)");
        }
        return code;
    }

    @Transactional(readOnly = true)
    public Settings settings(UUID workspaceId) {
        PipelineRepository.Settings s = repository.settings(workspaceId, DEFAULT_DQ_REASONS);
        return new Settings(s.dqReasons(), s.accountManagerId() == null ? null : s.accountManagerId().toString());
    }

    @Transactional
    public Settings saveSettings(CurrentUser user, Settings body) {
        if (body == null) {
            throw ApiProblem.badRequest("dqReasons", "send dqReasons and accountManagerId");
        }
        List<String> reasons = new ArrayList<>();
        List<String> given = body.dqReasons() == null ? DEFAULT_DQ_REASONS : body.dqReasons();
        for (int i = 0; i < given.size(); i++) {
            String code = code("dqReasons[" + i + "]", given.get(i)).toUpperCase(java.util.Locale.ROOT);
            if (!reasons.contains(code)) {
                reasons.add(code);
            }
        }
        if (reasons.isEmpty() || reasons.size() > 40) {
            throw ApiProblem.badRequest("dqReasons", "give 1 to 40 reasons");
        }
        UUID manager = null;
        if (body.accountManagerId() != null && !body.accountManagerId().isBlank()) {
            manager = member(user.workspaceId(), "accountManagerId", body.accountManagerId());
        }
        repository.saveSettings(user.workspaceId(), new PipelineRepository.Settings(reasons, manager), clock.instant());
        return settings(user.workspaceId());
    }

    /** An active member of the workspace named by id, or a 400 naming the field. */
    UUID member(UUID workspaceId, String field, String id) {
        UUID userId;
        try {
            userId = UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " must be a user id");
        }
        return people.member(workspaceId, userId).filter(m -> m.active()).map(m -> m.id())
                .orElseThrow(() -> ApiProblem.badRequest(field, field + " is not an active member of this workspace"));
    }
}
