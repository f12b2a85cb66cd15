package dev.callsheet.mail;

import dev.callsheet.mail.internal.MailRepository;
import dev.callsheet.web.ApiProblem;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The outbox: queue a message with the change that causes it; see its status; try a failed one again. */
@Service
public class Mail {

    private final MailRepository repository;
    private final Clock clock;

    Mail(MailRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Queues a message; it is sent after the surrounding transaction commits, never before. */
    @Transactional
    public UUID enqueue(OutgoingMail mail) {
        return repository.insert(mail, clock.instant());
    }

    /** The messages about one thing, newest first. */
    @Transactional(readOnly = true)
    public List<MailStatus> about(UUID workspaceId, String reference) {
        return repository.about(workspaceId, reference);
    }

    /**
     * Puts a failed message, or one waiting after a failed try (no SMTP server yet, say), back in line to be
     * sent now; a 404 for a message that is neither.
     */
    @Transactional
    public void retry(UUID workspaceId, UUID id) {
        if (!repository.retry(workspaceId, id, clock.instant())) {
            throw ApiProblem.notFound("failed message");
        }
    }
}
