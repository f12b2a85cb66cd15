package dev.callsheet.material.internal;

import dev.callsheet.material.Material.FileInfo;
import dev.callsheet.material.Material.Template;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The material tables: files, templates with their attachments, and sendings. */
@Repository
public class MaterialRepository {

    /** A sending as stored; its delivery status lives with the outbox message {@code mailId}. */
    public record SendRow(UUID id, UUID contactId, UUID dealId, UUID templateId, String templateName,
            String language, String recipient, String basis, UUID mailId, String sentBy, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    MaterialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insertFile(UUID workspaceId, String fileName, String contentType, byte[] data, UUID by, Instant at) {
        return jdbc.sql("""
                INSERT INTO material_file (workspace_id, file_name, content_type, size_bytes, data, uploaded_by,
                  uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(workspaceId, fileName, contentType, data.length, data, by, Timestamp.from(at))
                .query(UUID.class).single();
    }

    public List<FileInfo> files(UUID workspaceId) {
        return jdbc.sql("""
                SELECT id, file_name, content_type, size_bytes, uploaded_at FROM material_file
                WHERE workspace_id = ? ORDER BY lower(file_name), id""")
                .params(workspaceId).query(MaterialRepository::file).list();
    }

    public Optional<FileInfo> file(UUID workspaceId, UUID id) {
        return jdbc.sql("""
                SELECT id, file_name, content_type, size_bytes, uploaded_at FROM material_file
                WHERE workspace_id = ? AND id = ?""")
                .params(workspaceId, id).query(MaterialRepository::file).optional();
    }

    public Optional<byte[]> data(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT data FROM material_file WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, id).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** Whether a template still attaches the file (an archived one does not count). */
    public boolean fileInUse(UUID workspaceId, UUID fileId) {
        return jdbc.sql("""
                SELECT count(*) FROM material_template_file f JOIN material_template t ON t.id = f.template_id
                WHERE f.workspace_id = ? AND f.file_id = ? AND NOT t.archived""")
                .params(workspaceId, fileId).query(Long.class).single() > 0;
    }

    public boolean deleteFile(UUID workspaceId, UUID id) {
        jdbc.sql("DELETE FROM material_template_file WHERE workspace_id = ? AND file_id = ?")
                .params(workspaceId, id).update();
        return jdbc.sql("DELETE FROM material_file WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, id).update() == 1;
    }

    public UUID insertTemplate(UUID workspaceId, String name, String language, String subject, String body, UUID by,
            Instant at) {
        return jdbc.sql("""
                INSERT INTO material_template (workspace_id, name, language, subject, body, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(workspaceId, name, language, subject, body, by, Timestamp.from(at))
                .query(UUID.class).single();
    }

    public boolean updateTemplate(UUID workspaceId, UUID id, String name, String language, String subject,
            String body, UUID by, Instant at) {
        return jdbc.sql("""
                UPDATE material_template SET name = ?, language = ?, subject = ?, body = ?, updated_by = ?,
                  updated_at = ?
                WHERE workspace_id = ? AND id = ? AND NOT archived""")
                .params(name, language, subject, body, by, Timestamp.from(at), workspaceId, id).update() == 1;
    }

    /** Whether another live template has this name in this language. */
    public boolean nameTaken(UUID workspaceId, String name, String language, UUID except) {
        return jdbc.sql("""
                SELECT count(*) FROM material_template
                WHERE workspace_id = ? AND lower(name) = lower(?) AND language = ? AND NOT archived
                  AND id IS DISTINCT FROM ?""")
                .params(workspaceId, name, language, except).query(Long.class).single() > 0;
    }

    public void replaceAttachments(UUID workspaceId, UUID templateId, List<UUID> fileIds) {
        jdbc.sql("DELETE FROM material_template_file WHERE workspace_id = ? AND template_id = ?")
                .params(workspaceId, templateId).update();
        int position = 0;
        for (UUID file : fileIds) {
            jdbc.sql("""
                    INSERT INTO material_template_file (workspace_id, template_id, file_id, position)
                    VALUES (?, ?, ?, ?)""").params(workspaceId, templateId, file, position++).update();
        }
    }

    /** Archived, not deleted: the sendings made with it keep pointing at what was sent. */
    public boolean archiveTemplate(UUID workspaceId, UUID id, UUID by, Instant at) {
        return jdbc.sql("""
                UPDATE material_template SET archived = true, updated_by = ?, updated_at = ?
                WHERE workspace_id = ? AND id = ? AND NOT archived""")
                .params(by, Timestamp.from(at), workspaceId, id).update() == 1;
    }

    public List<Template> templates(UUID workspaceId) {
        return withAttachments(workspaceId, jdbc.sql("""
                SELECT id, name, language, subject, body, updated_at FROM material_template
                WHERE workspace_id = ? AND NOT archived ORDER BY lower(name), language""")
                .params(workspaceId).query(MaterialRepository::template).list());
    }

    public Optional<Template> template(UUID workspaceId, UUID id) {
        return withAttachments(workspaceId, jdbc.sql("""
                SELECT id, name, language, subject, body, updated_at FROM material_template
                WHERE workspace_id = ? AND id = ? AND NOT archived""")
                .params(workspaceId, id).query(MaterialRepository::template).list()).stream().findFirst();
    }

    private List<Template> withAttachments(UUID workspaceId, List<Template> templates) {
        if (templates.isEmpty()) {
            return templates;
        }
        Map<UUID, List<FileInfo>> files = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT tf.template_id, f.id, f.file_name, f.content_type, f.size_bytes, f.uploaded_at
                FROM material_template_file tf JOIN material_file f ON f.id = tf.file_id
                WHERE tf.workspace_id = ? AND tf.template_id = ANY (?) ORDER BY tf.position""")
                .params(workspaceId, templates.stream().map(Template::id).toArray(UUID[]::new))
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> files
                        .computeIfAbsent(rs.getObject("template_id", UUID.class), k -> new ArrayList<>())
                        .add(file(rs, 0)));
        return templates.stream().map(t -> new Template(t.id(), t.name(), t.language(), t.subject(), t.body(),
                List.copyOf(files.getOrDefault(t.id(), List.of())), t.updatedAt())).toList();
    }

    /** Serialises sendings with the same key (a double click), so the second finds the first. */
    public void lockSendKey(UUID workspaceId, String key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").params(workspaceId + "|" + key)
                .query((rs, n) -> 0).list();
    }

    public Optional<SendRow> sendByKey(UUID workspaceId, String key) {
        return jdbc.sql(SENDS + " WHERE s.workspace_id = ? AND s.send_key = ?").params(workspaceId, key)
                .query(MaterialRepository::send).optional();
    }

    public Optional<SendRow> send(UUID workspaceId, UUID id) {
        return jdbc.sql(SENDS + " WHERE s.workspace_id = ? AND s.id = ?").params(workspaceId, id)
                .query(MaterialRepository::send).optional();
    }

    public List<SendRow> sends(UUID workspaceId, UUID contactId) {
        return jdbc.sql(SENDS + " WHERE s.workspace_id = ? AND s.contact_id = ? ORDER BY s.created_at DESC, s.id")
                .params(workspaceId, contactId).query(MaterialRepository::send).list();
    }

    public UUID insertSend(UUID workspaceId, SendRow send, String key, UUID by) {
        return jdbc.sql("""
                INSERT INTO material_send (workspace_id, contact_id, deal_id, template_id, template_name, language,
                  recipient, basis, mail_id, send_key, sent_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(workspaceId, send.contactId(), send.dealId(), send.templateId(), send.templateName(),
                        send.language(), send.recipient(), send.basis(), send.mailId(), key, by,
                        Timestamp.from(send.createdAt()))
                .query(UUID.class).single();
    }

    private static final String SENDS = """
            SELECT s.id, s.contact_id, s.deal_id, s.template_id, s.template_name, s.language, s.recipient, s.basis,
              s.mail_id, u.display_name AS sent_by, s.created_at
            FROM material_send s JOIN app_user u ON u.id = s.sent_by""";

    private static SendRow send(ResultSet rs, int row) throws SQLException {
        return new SendRow(rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class),
                rs.getObject("deal_id", UUID.class), rs.getObject("template_id", UUID.class),
                rs.getString("template_name"), rs.getString("language"), rs.getString("recipient"),
                rs.getString("basis"), rs.getObject("mail_id", UUID.class), rs.getString("sent_by"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static FileInfo file(ResultSet rs, int row) throws SQLException {
        return new FileInfo(rs.getObject("id", UUID.class), rs.getString("file_name"), rs.getString("content_type"),
                rs.getInt("size_bytes"), rs.getTimestamp("uploaded_at").toInstant());
    }

    private static Template template(ResultSet rs, int row) throws SQLException {
        return new Template(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("language"),
                rs.getString("subject"), rs.getString("body"), List.of(), rs.getTimestamp("updated_at").toInstant());
    }
}
