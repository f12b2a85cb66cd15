package dev.callsheet.answers.web;

import dev.callsheet.answers.Answers;
import dev.callsheet.workspace.CurrentUser;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalogue and the answer library over HTTP: everyone on the phone reads and searches, supervisors edit. */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class AnswersApiController {

    private final Answers answers;
    private final java.time.Clock clock;

    AnswersApiController(Answers answers, java.time.Clock clock) {
        this.answers = answers;
        this.clock = clock;
    }

    @GetMapping("/api/v1/products")
    Map<String, List<Answers.Product>> products(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", answers.products(user.workspaceId()));
    }

    @PostMapping("/api/v1/products")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Answers.Product> addProduct(@AuthenticationPrincipal CurrentUser user,
            @RequestBody Answers.Product body) {
        Answers.Product product = answers.addProduct(user, body);
        return ResponseEntity.created(URI.create("/api/v1/products/" + product.id())).body(product);
    }

    @GetMapping("/api/v1/answers")
    Map<String, List<Answers.Answer>> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String language) {
        return Map.of("items", answers.answers(user.workspaceId(), language));
    }

    @PostMapping("/api/v1/answers")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Answers.Answer> add(@AuthenticationPrincipal CurrentUser user, @RequestBody Answers.Answer body) {
        Answers.Answer saved = answers.save(user, null, body);
        return ResponseEntity.created(URI.create("/api/v1/answers/" + saved.id())).body(saved);
    }

    @PutMapping("/api/v1/answers/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Answers.Answer update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody Answers.Answer body) {
        return answers.save(user, id, body);
    }

    @DeleteMapping("/api/v1/answers/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        answers.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    record AskedRequest(UUID answerId, String text) {
    }

    /** The lead asked this on the call: an answer of the library, or the question as typed. */
    @PostMapping("/api/v1/attempts/{id}/questions")
    @PreAuthorize("hasRole('AGENT')")
    ResponseEntity<Void> asked(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody AskedRequest body) {
        answers.asked(user, id, body == null ? null : body.answerId(), body == null ? null : body.text());
        return ResponseEntity.noContent().build();
    }

    /**
     * The questions leads asked in a project, most asked first, those still without an answer flagged;
     * by default the last seven days ({@code from}, {@code to}: ISO dates, both included, UTC).
     */
    @GetMapping("/api/v1/projects/{id}/questions")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Map<String, List<Answers.Asked>> questions(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        java.time.LocalDate last = to == null || to.isBlank() ? java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC))
                : dev.callsheet.web.Inputs.date("to", to);
        java.time.LocalDate first = from == null || from.isBlank() ? last.minusDays(6)
                : dev.callsheet.web.Inputs.date("from", from);
        return Map.of("items", answers.asked(user, id, first.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                last.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
    }

    /** What the agent typed → the best answers in that language (by default the agent's own). */
    @GetMapping("/api/v1/answers/search")
    Map<String, List<Answers.Hit>> search(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
            @RequestParam(required = false) String language, @RequestParam(required = false) UUID projectId) {
        String lang = language == null || language.isBlank() ? Answers.languageOf(user.locale()) : language;
        return Map.of("items", answers.search(user.workspaceId(), q, lang, projectId, 5));
    }
}
