package dev.callsheet.material;

import dev.callsheet.contacts.Activity;
import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.contacts.LeadStatus;
import dev.callsheet.deals.Deal;
import dev.callsheet.deals.Deals;
import dev.callsheet.mail.Mail;
import dev.callsheet.mail.MailStatus;
import dev.callsheet.mail.OutgoingMail;
import dev.callsheet.material.internal.MaterialRepository;
import dev.callsheet.material.internal.MaterialRepository.SendRow;
import dev.callsheet.scheduling.Appointment;
import dev.callsheet.scheduling.Appointments;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.web.SupportedLocales;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.text.StringSubstitutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brochures, templates and sendings (docs/domain.md §3.1). Supervisors keep the files and templates; anyone on
 * the phone sends one to a lead who asked for it (or who agreed to marketing mail), through the outbox.
 */
@Service
public class Material {

    /** What a template may say, as {@code ${field}}. */
    public static final List<String> FIELDS = List.of("contact.firstName", "contact.surname", "contact.name",
            "contact.email", "company", "agent.name", "agent.email", "rep.name", "rep.email", "meeting.date",
            "meeting.time", "meeting.place", "meeting.type");
    /** Why a sending was allowed: the lead asked for it on the call, or had agreed to marketing e-mail. */
    public static final String REQUESTED = "REQUESTED";
    public static final String CONSENT = "CONSENT";
    static final int MAX_FILE = 10 * 1024 * 1024;
    private static final int MAX_ATTACHMENTS = 5;
    private static final Pattern FIELD = Pattern.compile("\\$\\{([^}]*)}");

    public record FileInfo(UUID id, String fileName, String contentType, int size, Instant uploadedAt) {
    }

    public record Template(UUID id, String name, String language, String subject, String body,
            List<FileInfo> attachments, Instant updatedAt) {
    }

    /** {@code body} may be longer than the API's usual cap on a string (checked again when saved). */
    public record TemplateDraft(String name, String language, String subject,
            @jakarta.validation.constraints.Size(max = 20_000) String body,
            List<String> attachmentIds) {
    }

    /** A template filled in for one lead: what the lead would receive. */
    public record Rendered(UUID templateId, String to, String subject, String body, List<FileInfo> attachments) {
    }

    /**
     * @param requested true when the lead asked for this material on the call
     * @param sendKey   any text the sending page makes once per form: the same key twice is one sending
     */
    public record SendRequest(String templateId, String to, Boolean requested, String sendKey) {
    }

    /**
     * A sending and how it stands.
     *
     * @param status PENDING (waiting for its first or next try; {@code lastError} says why when a try
     *               failed), SENT, or FAILED (refused for good or out of tries: retry it)
     */
    public record Sent(UUID id, UUID contactId, UUID dealId, UUID templateId, String templateName, String language,
            String recipient, String basis, String status, int attempts, String lastError, String sentBy,
            Instant createdAt, Instant sentAt, boolean retryable) {
    }

    private final MaterialRepository repository;
    private final Contacts contacts;
    private final Deals deals;
    private final Appointments appointments;
    private final People people;
    private final Mail mail;
    private final Clock clock;

    Material(MaterialRepository repository, Contacts contacts, Deals deals, Appointments appointments, People people,
            Mail mail, Clock clock) {
        this.repository = repository;
        this.contacts = contacts;
        this.deals = deals;
        this.appointments = appointments;
        this.people = people;
        this.mail = mail;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<FileInfo> files(UUID workspaceId) {
        return repository.files(workspaceId);
    }

    @Transactional
    public FileInfo upload(CurrentUser user, String fileName, String contentType, byte[] data) {
        String name = Inputs.required("file", fileName == null ? null : fileName.replaceAll("[\\\\/]", "_"), 200);
        if (data == null || data.length == 0) {
            throw ApiProblem.badRequest("file", "file is empty");
        }
        if (data.length > MAX_FILE) {
            throw ApiProblem.badRequest("file", "file is larger than 10 MB; e-mail servers refuse such attachments");
        }
        String type = contentType == null || contentType.isBlank() || contentType.length() > 100
                || contentType.startsWith("application/octet-stream")
                ? java.util.Objects.requireNonNullElse(java.net.URLConnection.guessContentTypeFromName(name),
                        "application/octet-stream")
                : contentType.strip();
        UUID id = repository.insertFile(user.workspaceId(), name, type, data, user.userId(), clock.instant());
        return repository.file(user.workspaceId(), id).orElseThrow();
    }

    /** The file's name, type and bytes, for downloading it. */
    @Transactional(readOnly = true)
    public Map.Entry<FileInfo, byte[]> download(UUID workspaceId, UUID id) {
        FileInfo info = repository.file(workspaceId, id).orElseThrow(() -> ApiProblem.notFound("file"));
        return Map.entry(info, repository.data(workspaceId, id).orElseThrow());
    }

    @Transactional
    public void deleteFile(CurrentUser user, UUID id) {
        if (repository.fileInUse(user.workspaceId(), id)) {
            throw ApiProblem.conflict("file", "a template attaches this file; take it off the template first");
        }
        if (!repository.deleteFile(user.workspaceId(), id)) {
            throw ApiProblem.notFound("file");
        }
    }

    @Transactional(readOnly = true)
    public List<Template> templates(UUID workspaceId) {
        return repository.templates(workspaceId);
    }

    @Transactional(readOnly = true)
    public Template template(UUID workspaceId, UUID id) {
        return repository.template(workspaceId, id).orElseThrow(() -> ApiProblem.notFound("template"));
    }

    /** Creates ({@code id} null) or changes a template; unknown merge fields are a 400 naming them. */
    @Transactional
    public Template save(CurrentUser user, UUID id, TemplateDraft draft) {
        if (draft == null) {
            throw ApiProblem.badRequest("name", "send the template's name, language, subject and body");
        }
        String name = Inputs.required("name", draft.name(), 200);
        String language = Inputs.required("language", draft.language(), 10).toLowerCase(Locale.ROOT);
        if (!SupportedLocales.LANGUAGES.contains(language)) {
            throw ApiProblem.badRequest("language", "language must be one of "
                    + String.join(", ", SupportedLocales.LANGUAGES));
        }
        String subject = checkedFields("subject", Inputs.required("subject", draft.subject(), 300));
        String body = checkedFields("body", Inputs.required("body", draft.body(), 20_000));
        List<UUID> files = new ArrayList<>(new LinkedHashSet<>(attachmentIds(user.workspaceId(), draft.attachmentIds())));
        if (repository.nameTaken(user.workspaceId(), name, language, id)) {
            throw ApiProblem.conflict("name", "a template named \"" + name + "\" in " + language + " exists already");
        }
        Instant now = clock.instant();
        UUID saved = id;
        if (id == null) {
            saved = repository.insertTemplate(user.workspaceId(), name, language, subject, body, user.userId(), now);
        } else if (!repository.updateTemplate(user.workspaceId(), id, name, language, subject, body, user.userId(),
                now)) {
            throw ApiProblem.notFound("template");
        }
        repository.replaceAttachments(user.workspaceId(), saved, files);
        return template(user.workspaceId(), saved);
    }

    @Transactional
    public void archive(CurrentUser user, UUID id) {
        if (!repository.archiveTemplate(user.workspaceId(), id, user.userId(), clock.instant())) {
            throw ApiProblem.notFound("template");
        }
    }

    /** The template as this lead would get it, without sending anything. */
    @Transactional(readOnly = true)
    public Rendered preview(CurrentUser user, UUID contactId, String templateId, String to) {
        ContactCard card = contacts.card(user.workspaceId(), contactId);
        Template template = templateOf(user.workspaceId(), templateId);
        String recipient = to == null || to.isBlank() ? defaultAddress(card).orElse(null) : Inputs.email("to", to);
        return render(user, card, template, recipient);
    }

    /**
     * Sends the material: checks the lead may get it, fills the template in, queues the message in the outbox
     * (it goes out after this transaction commits) and records a one-way touch on the card and on the lead's
     * open deal. An address the card did not have yet is added to it. The same {@code sendKey} twice (a
     * double click) returns the first sending.
     */
    @Transactional
    public Sent send(CurrentUser user, UUID contactId, SendRequest request) {
        if (request == null) {
            throw ApiProblem.badRequest("templateId", "send templateId, and requested: true when the lead asked for it");
        }
        UUID ws = user.workspaceId();
        String key = Inputs.optional("sendKey", request.sendKey(), 100);
        if (key != null) {
            repository.lockSendKey(ws, key);
            Optional<SendRow> earlier = repository.sendByKey(ws, key);
            if (earlier.isPresent()) {
                if (!earlier.get().contactId().equals(contactId)) {
                    throw ApiProblem.conflict("sendKey", "this sendKey was used for another lead");
                }
                return withStatus(ws, List.of(earlier.get())).get(0);
            }
        }
        ContactCard card = contacts.card(ws, contactId);
        if (card.mergedInto() != null) {
            throw ApiProblem.conflict("merged", "this card was merged into " + card.mergedInto());
        }
        if (card.status() == LeadStatus.DO_NOT_CONTACT) {
            throw ApiProblem.conflict("requested", "the lead asked not to be contacted; nothing is sent");
        }
        Template template = templateOf(ws, request.templateId());
        String basis;
        if (Boolean.TRUE.equals(request.requested())) {
            basis = REQUESTED;
        } else if (card.consentsToMarketing()) {
            basis = CONSENT;
        } else {
            throw ApiProblem.conflict("requested", "send material only when the lead asks for it (requested: true)"
                    + " or has agreed to marketing e-mail; this lead has not");
        }
        String to;
        if (request.to() == null || request.to().isBlank()) {
            to = defaultAddress(card).orElseThrow(() -> ApiProblem.badRequest("to",
                    "the card has no valid e-mail address: ask the lead for one and send to it"));
        } else {
            to = contacts.addEmail(ws, contactId, request.to(), user.userId());
        }
        Rendered rendered = render(user, card, template, to);
        List<OutgoingMail.Part> parts = new ArrayList<>();
        for (FileInfo file : rendered.attachments()) {
            parts.add(new OutgoingMail.Part(null, file.fileName(), file.contentType(),
                    repository.data(ws, file.id()).orElseThrow()));
        }
        UUID mailId = mail.enqueue(new OutgoingMail(ws, reference(contactId), "MATERIAL", to, card.displayName(),
                rendered.subject(), rendered.body(), null, null, null, parts));
        UUID dealId = deals.recordTouch(ws, contactId, "EMAIL", false, user.userId(),
                template.name() + " → " + to).orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("template", template.name());
        details.put("to", to);
        details.put("basis", basis);
        contacts.recordActivity(ws, contactId, Activity.MATERIAL_SENT, user.userId(), details);
        Instant now = clock.instant();
        UUID id = repository.insertSend(ws, new SendRow(null, contactId, dealId, template.id(), template.name(),
                template.language(), to, basis, mailId, null, now), key, user.userId());
        return withStatus(ws, List.of(repository.send(ws, id).orElseThrow())).get(0);
    }

    /** The material sent to a lead, newest first, each with whether it went out. */
    @Transactional(readOnly = true)
    public List<Sent> sent(UUID workspaceId, UUID contactId) {
        contacts.card(workspaceId, contactId);
        return withStatus(workspaceId, repository.sends(workspaceId, contactId));
    }

    /** Tries a failed sending again now. */
    @Transactional
    public Sent retry(CurrentUser user, UUID sendId) {
        SendRow send = repository.send(user.workspaceId(), sendId).orElseThrow(() -> ApiProblem.notFound("sending"));
        try {
            mail.retry(user.workspaceId(), send.mailId());
        } catch (ApiProblem notFailed) {
            throw ApiProblem.conflict("status", "this sending has not failed: it is sent or still on its first try");
        }
        return withStatus(user.workspaceId(), List.of(send)).get(0);
    }

    /** The templates a lead's page offers: the lead's language first, else the reader's. */
    public static List<Template> forLead(List<Template> templates, ContactCard card, Locale reader) {
        String language = SupportedLocales.match(card.language()).or(() -> SupportedLocales.match(
                reader == null ? null : reader.getLanguage())).map(Locale::getLanguage).orElse("");
        return templates.stream().sorted(Comparator.comparing((Template t) -> !t.language().equals(language))
                .thenComparing(t -> t.name().toLowerCase(Locale.ROOT))).toList();
    }

    private static String reference(UUID contactId) {
        return "contact:" + contactId;
    }

    private List<Sent> withStatus(UUID workspaceId, List<SendRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, MailStatus> statuses = mail.about(workspaceId, reference(rows.get(0).contactId())).stream()
                .collect(Collectors.toMap(MailStatus::id, Function.identity()));
        return rows.stream().map(row -> {
            MailStatus status = statuses.get(row.mailId());
            String state = status == null ? "PENDING" : status.status();
            String error = status == null ? null : status.lastError();
            return new Sent(row.id(), row.contactId(), row.dealId(), row.templateId(), row.templateName(),
                    row.language(), row.recipient(), row.basis(), state, status == null ? 0 : status.attempts(),
                    "SENT".equals(state) ? null : error, row.sentBy(), row.createdAt(),
                    status == null ? null : status.sentAt(),
                    "FAILED".equals(state) || "PENDING".equals(state) && error != null);
        }).toList();
    }

    private Template templateOf(UUID workspaceId, String templateId) {
        String text = Inputs.required("templateId", templateId, 40);
        try {
            return repository.template(workspaceId, UUID.fromString(text.strip()))
                    .orElseThrow(() -> ApiProblem.badRequest("templateId", "no such template in this workspace"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("templateId", "templateId must be a template's id");
        }
    }

    private List<UUID> attachmentIds(UUID workspaceId, List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > MAX_ATTACHMENTS) {
            throw ApiProblem.badRequest("attachmentIds", "at most " + MAX_ATTACHMENTS + " attachments");
        }
        List<UUID> files = new ArrayList<>();
        for (String id : ids) {
            try {
                UUID file = UUID.fromString(Inputs.required("attachmentIds", id, 40).strip());
                repository.file(workspaceId, file).orElseThrow(() -> ApiProblem.badRequest("attachmentIds",
                        "no file " + file + " in this workspace"));
                files.add(file);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("attachmentIds", "attachmentIds must be files' ids");
            }
        }
        return files;
    }

    /** The text, if every {@code ${…}} in it is a known field; a 400 naming the field and the unknown one. */
    private static String checkedFields(String field, String text) {
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            if (!FIELDS.contains(m.group(1))) {
                throw ApiProblem.badRequest(field, "unknown merge field ${" + m.group(1) + "}; known: "
                        + String.join(", ", FIELDS));
            }
        }
        return text;
    }

    private static Optional<String> defaultAddress(ContactCard card) {
        return card.emails().stream().filter(ContactCard.Point::valid).map(ContactCard.Point::value).findFirst();
    }

    private Rendered render(CurrentUser user, ContactCard card, Template template, String to) {
        UUID ws = user.workspaceId();
        Instant now = clock.instant();
        Optional<Appointment> meeting = appointments.ofLead(ws, card.id()).stream()
                .filter(a -> "BOOKED".equals(a.status()) && a.start().isAfter(now))
                .min(Comparator.comparing(Appointment::start));
        String text = template.subject() + "\n" + template.body();
        if (meeting.isEmpty() && text.contains("${meeting.")) {
            throw ApiProblem.conflict("templateId",
                    "this template speaks of the meeting, and the lead has none booked; book it first or pick another");
        }
        Locale locale = Locale.forLanguageTag(template.language());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("contact.firstName", nonNull(card.firstName()));
        values.put("contact.surname", nonNull(card.surname()));
        values.put("contact.name", nonNull(card.displayName()));
        values.put("contact.email", nonNull(to));
        values.put("company", card.organisation() == null ? "" : card.organisation().name());
        Optional<Member> agent = people.member(ws, user.userId());
        values.put("agent.name", user.displayName());
        values.put("agent.email", agent.map(Member::email).map(Material::nonNull).orElse(""));
        UUID repId = meeting.map(a -> a.rep().id())
                .or(() -> deals.openDealOf(ws, card.id()).map(Deal::owner).map(Deal.Person::id))
                .orElse(card.owner() == null ? null : card.owner().id());
        Optional<Member> rep = repId == null ? Optional.empty() : people.member(ws, repId);
        values.put("rep.name", rep.map(Member::displayName).orElse(""));
        values.put("rep.email", rep.map(Member::email).map(Material::nonNull).orElse(""));
        meeting.ifPresent(a -> {
            var local = a.start().atZone(ZoneId.of(a.leadTimeZone()));
            values.put("meeting.date", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(local));
            values.put("meeting.time", DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(local));
            values.put("meeting.place", nonNull(a.location()));
            values.put("meeting.type", nonNull(a.type()));
        });
        StringSubstitutor substitutor = new StringSubstitutor(values);
        substitutor.setDisableSubstitutionInValues(true);
        return new Rendered(template.id(), to, substitutor.replace(template.subject()).replaceAll("[\r\n]+", " "),
                substitutor.replace(template.body()), template.attachments());
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
