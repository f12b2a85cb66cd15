package dev.callsheet.answers;

import com.ibm.icu.text.Transliterator;
import dev.callsheet.answers.internal.AnswerRepository;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.dialing.Queue;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue and the answer library: supervisors keep them, agents search them on the call. */
@Service
@Transactional
public class Answers {

    /** Languages of the library, with the PostgreSQL text-search configuration that knows their word forms. */
    static final Map<String, String> CONFIGS = Map.of("en", "english", "nb", "norwegian", "es", "spanish",
            "ru", "russian", "ro", "romanian", "ko", "simple");

    private static final Transliterator LATIN = Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");

    /** A product or service: what it is, what it costs, who it is for. */
    public record Product(UUID id, String name, String description, BigDecimal priceFrom, BigDecimal priceTo,
            String currency, String audience) {
    }

    /** A question leads ask and its answer; {@code projectIds} empty means every project. */
    public record Answer(UUID id, String language, String question, String body, UUID productId, String product,
            List<UUID> projectIds) {
    }

    /** A question asked on calls: how often, and whether the library has an answer for it. */
    public record Asked(UUID answerId, String question, long times, boolean unanswered) {
    }

    /** An answer found for what the agent typed, best first. */
    public record Hit(Answer answer, double score) {
    }

    private final AnswerRepository repository;
    private final Projects projects;
    private final Queue queue;
    private final Clock clock;

    Answers(AnswerRepository repository, Projects projects, Queue queue, Clock clock) {
        this.repository = repository;
        this.queue = queue;
        this.projects = projects;
        this.clock = clock;
    }

    // --- the catalogue ---

    @Transactional(readOnly = true)
    public List<Product> products(UUID workspaceId) {
        return repository.products(workspaceId);
    }

    public Product addProduct(CurrentUser user, Product draft) {
        String name = Inputs.required("name", draft == null ? null : draft.name(), 200);
        BigDecimal from = price("priceFrom", draft.priceFrom());
        BigDecimal to = price("priceTo", draft.priceTo());
        if (from != null && to != null && to.compareTo(from) < 0) {
            throw ApiProblem.badRequest("priceTo", "priceTo must not be below priceFrom");
        }
        String currency = Inputs.optional("currency", draft.currency(), 3);
        if (currency != null && !currency.matches("[A-Za-z]{3}")) {
            throw ApiProblem.badRequest("currency", "currency must be a three-letter code such as NOK");
        }
        UUID id = repository.insertProduct(user.workspaceId(), new Product(null, name,
                Inputs.optional("description", draft.description(), 5000), from, to,
                currency == null ? null : currency.toUpperCase(Locale.ROOT), Inputs.optional("audience",
                        draft.audience(), 500)), clock.instant());
        return repository.product(user.workspaceId(), id).orElseThrow();
    }

    private static BigDecimal price(String field, BigDecimal price) {
        if (price != null && (price.signum() < 0 || price.compareTo(BigDecimal.valueOf(1_000_000_000)) > 0)) {
            throw ApiProblem.badRequest(field, field + " must be 0 to 1000000000");
        }
        return price;
    }

    // --- the library ---

    @Transactional(readOnly = true)
    public List<Answer> answers(UUID workspaceId, String language) {
        return repository.answers(workspaceId, language == null || language.isBlank() ? null : language(language));
    }

    @Transactional(readOnly = true)
    public Answer answer(UUID workspaceId, UUID id) {
        return repository.answer(workspaceId, id).orElseThrow(() -> ApiProblem.notFound("answer"));
    }

    public Answer save(CurrentUser user, UUID id, Answer draft) {
        if (draft == null) {
            throw ApiProblem.badRequest("question", "send the question and its answer");
        }
        String language = language(draft.language());
        String question = Inputs.required("question", draft.question(), 500);
        String body = Inputs.required("body", draft.body(), 5000);
        if (draft.productId() != null && repository.product(user.workspaceId(), draft.productId()).isEmpty()) {
            throw ApiProblem.badRequest("productId", "no such product in this workspace");
        }
        List<UUID> projectIds = draft.projectIds() == null ? List.of() : List.copyOf(draft.projectIds());
        for (UUID project : projectIds) {
            if (projects.visibleTo(user).stream().noneMatch(p -> p.id().equals(project))) {
                throw ApiProblem.badRequest("projectIds", "no such project in this workspace: " + project);
            }
        }
        Answer clean = new Answer(id, language, question, body, draft.productId(), null, projectIds);
        UUID saved;
        if (id == null) {
            saved = repository.insertAnswer(user.workspaceId(), clean, latin(question + " " + body), user.userId(),
                    clock.instant());
        } else if (repository.updateAnswer(user.workspaceId(), clean, latin(question + " " + body), user.userId(),
                clock.instant())) {
            saved = id;
        } else {
            throw ApiProblem.notFound("answer");
        }
        return repository.answer(user.workspaceId(), saved).orElseThrow();
    }

    public void delete(CurrentUser user, UUID id) {
        if (!repository.deleteAnswer(user.workspaceId(), id)) {
            throw ApiProblem.notFound("answer");
        }
    }

    /**
     * The answers for what the agent typed, best first: word forms through the language's stemmer,
     * typos through trigram similarity on the Latin spelling (so Cyrillic and Hangul are forgiven too).
     */
    @Transactional(readOnly = true)
    public List<Hit> search(UUID workspaceId, String text, String language, UUID projectId, int limit) {
        String query = Inputs.required("q", text, 200);
        String lang = language(language);
        return repository.search(workspaceId, query, latin(query), lang, CONFIGS.get(lang), projectId,
                Math.max(1, Math.min(limit, 20)));
    }

    /**
     * The lead asked this on the call: an answer of the library ({@code answerId}), or the question as typed
     * when the library has none yet ({@code text}).
     */
    public void asked(CurrentUser agent, UUID attemptId, UUID answerId, String text) {
        Queue.CallRecord call = queue.call(agent.workspaceId(), attemptId)
                .orElseThrow(() -> ApiProblem.notFound("attempt"));
        if (!call.agentId().equals(agent.userId()) && !Projects.manages(agent)) {
            throw ApiProblem.forbidden("this call belongs to another agent");
        }
        String question;
        if (answerId != null) {
            question = repository.answer(agent.workspaceId(), answerId)
                    .orElseThrow(() -> ApiProblem.badRequest("answerId", "no such answer in this workspace")).question();
        } else {
            question = Inputs.required("text", text, 500);
        }
        repository.asked(agent.workspaceId(), call.projectId(), attemptId, agent.userId(), answerId, question,
                clock.instant());
    }

    /** The questions asked in a project in [from, to), most asked first, with those still lacking an answer. */
    @Transactional(readOnly = true)
    public List<Asked> asked(CurrentUser user, UUID projectId, java.time.Instant from, java.time.Instant to) {
        projects.project(user.workspaceId(), projectId);
        return repository.asked(user.workspaceId(), projectId, from, to, 50);
    }

    /** The questions asked in a project in [from, to) per week (Mondays on {@code zone}'s clock), newest first. */
    @Transactional(readOnly = true)
    public Map<java.time.LocalDate, List<Asked>> askedByWeek(CurrentUser user, UUID projectId, java.time.Instant from,
            java.time.Instant to, java.time.ZoneId zone) {
        projects.project(user.workspaceId(), projectId);
        return repository.askedByWeek(user.workspaceId(), projectId, from, to, zone);
    }

    /** A supported language code (en, nb, es, ru, ko, ro); anything else names the field. */
    static String language(String language) {
        String code = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        if (!CONFIGS.containsKey(code)) {
            throw ApiProblem.badRequest("language", "language must be one of en, nb, es, ru, ko, ro");
        }
        return code;
    }

    /** The text in folded Latin letters: what trigram similarity compares across scripts. */
    static String latin(String text) {
        synchronized (LATIN) {
            return LATIN.transliterate(text).replaceAll("[^a-z0-9]+", " ").strip();
        }
    }

    /** The library's language for a person: theirs when the library has it, else English. */
    public static String languageOf(Locale locale) {
        String code = locale == null ? "en" : locale.getLanguage();
        if (code.equals("no") || code.equals("nn")) {
            code = "nb";
        }
        return CONFIGS.containsKey(code) ? code : "en";
    }
}
