package dev.callsheet.dialing;

import dev.callsheet.contacts.Contacts;
import dev.callsheet.contacts.NormalizedPhone;
import dev.callsheet.contacts.Phones;
import dev.callsheet.dialing.internal.QueueRepository;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.Workspaces;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspace's do-not-call list: whole numbers in E.164 (not the §4 duplicate key, which drops
 * the area code and would silence the neighbours). Adding a number pulls every lead with it out of
 * every queue in the same transaction.
 */
@Service
@Transactional
public class DoNotCall {

    private static final int MAX_FILE_LINES = 200_000;

    private final QueueRepository repository;
    private final Contacts contacts;
    private final Workspaces workspaces;
    private final Clock clock;

    DoNotCall(QueueRepository repository, Contacts contacts, Workspaces workspaces, Clock clock) {
        this.repository = repository;
        this.contacts = contacts;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /** A number on the list, with how many queued leads it pulled out. */
    public record Added(String phone, boolean added, int removedFromQueues) implements Serializable {
    }

    public record FileResult(int added, int alreadyListed, List<Rejected> rejected) implements Serializable {
    }

    public record Rejected(int line, String text) implements Serializable {
    }

    public record Listed(String phone, String raw, String source, Instant addedAt) {
    }

    public Added add(UUID workspaceId, UUID actorId, String raw, String country) {
        String e164 = e164(workspaceId, raw, country)
                .orElseThrow(() -> ApiProblem.badRequest("phone", "phone must be a number we can read, like +47 22 12 34 56"));
        return add(workspaceId, actorId, e164, raw.strip(), "MANUAL");
    }

    private Added add(UUID workspaceId, UUID actorId, String e164, String raw, String source) {
        Listing listing = list(workspaceId, actorId, Map.of(e164, raw), source);
        return new Added(e164, listing.added() == 1, listing.removed());
    }

    private record Listing(int added, int removed) {
    }

    /**
     * Puts the numbers (E.164 to the text they came as) on the list and pulls every queued lead
     * carrying one of them, in a handful of statements however many numbers there are.
     */
    private Listing list(UUID workspaceId, UUID actorId, Map<String, String> numbers, String source) {
        if (numbers.isEmpty()) {
            return new Listing(0, 0);
        }
        Instant now = clock.instant();
        int added = repository.addDnc(workspaceId, numbers, source, actorId, now);
        int removed = repository.blockPhones(workspaceId, numbers.keySet(), now);
        removed += repository.blockContacts(workspaceId, contacts.withPhones(workspaceId, numbers.keySet()),
                "DO_NOT_CALL", now);
        return new Listing(added, removed);
    }

    /** One number per line (the first column of a CSV); lines that hold no readable number are listed back. */
    public FileResult addFile(UUID workspaceId, UUID actorId, InputStream file, String country) {
        Map<String, String> numbers = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number > MAX_FILE_LINES) {
                    throw ApiProblem.badRequest("file", "at most " + MAX_FILE_LINES + " lines per file");
                }
                String cell = line.replace("\uFEFF", "").split("[,;\t]", 2)[0].replace("\"", "").strip();
                if (cell.isEmpty()) {
                    continue;
                }
                Optional<String> e164 = e164(workspaceId, cell, country);
                if (e164.isPresent()) {
                    numbers.putIfAbsent(e164.get(), cell);
                } else if (number > 1 || cell.chars().anyMatch(Character::isDigit)) {
                    // A first line without digits is a header, not a mistake.
                    rejected.add(new Rejected(number, cell.length() > 100 ? cell.substring(0, 100) : cell));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int added = list(workspaceId, actorId, numbers, "FILE").added();
        return new FileResult(added, numbers.size() - added, rejected.size() > 1000 ? rejected.subList(0, 1000) : rejected);
    }

    /** Takes a number off the list; leads it blocked come back to their queues. */
    public void remove(UUID workspaceId, String raw) {
        String e164 = e164(workspaceId, raw, null).orElseThrow(() -> ApiProblem.notFound("number"));
        if (!repository.removeDnc(workspaceId, e164)) {
            throw ApiProblem.notFound("number");
        }
        Instant now = clock.instant();
        repository.unblockPhone(workspaceId, e164, now);
        for (UUID contact : contacts.withPhones(workspaceId, List.of(e164))) {
            repository.unblockContact(workspaceId, contact, now);
        }
    }

    @Transactional(readOnly = true)
    public boolean listed(UUID workspaceId, String raw) {
        return e164(workspaceId, raw, null).map(e164 -> repository.onDnc(workspaceId, e164)).orElse(false);
    }

    @Transactional(readOnly = true)
    public List<Listed> list(UUID workspaceId, String startingWith, int limit) {
        String prefix = startingWith == null ? "" : startingWith.replaceAll("[^0-9+]", "");
        return repository.dnc(workspaceId, prefix, limit).stream()
                .map(n -> new Listed(n.phone(), n.raw(), n.source(), n.addedAt())).toList();
    }

    @Transactional(readOnly = true)
    public int count(UUID workspaceId) {
        return repository.dncCount(workspaceId);
    }

    /** The number in E.164 when the text is a phone number and nothing else; free text around digits is none. */
    private Optional<String> e164(UUID workspaceId, String raw, String country) {
        if (raw == null || raw.isBlank() || raw.length() > 50) {
            return Optional.empty();
        }
        String region = country != null && !country.isBlank() ? country.strip().toUpperCase(Locale.ROOT)
                : workspaces.defaultCountry(workspaceId).orElse(null);
        if (!Phones.isNumberOnly(raw, region)) {
            return Optional.empty();
        }
        NormalizedPhone phone = Phones.normalize(raw, region);
        return Optional.ofNullable(phone.e164());
    }
}
