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

    AnswersApiController(Answers answers) {
        this.answers = answers;
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

    /** What the agent typed → the best answers in that language (by default the agent's own). */
    @GetMapping("/api/v1/answers/search")
    Map<String, List<Answers.Hit>> search(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
            @RequestParam(required = false) String language, @RequestParam(required = false) UUID projectId) {
        String lang = language == null || language.isBlank() ? Answers.languageOf(user.locale()) : language;
        return Map.of("items", answers.search(user.workspaceId(), q, lang, projectId, 5));
    }
}
