package dev.callsheet.answers.internal;

import dev.callsheet.answers.Answers.Answer;
import dev.callsheet.answers.Answers.Hit;
import dev.callsheet.answers.Answers.Product;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The product and answer tables. */
@Repository
public class AnswerRepository {

    private static final String ANSWER = """
            SELECT a.id, a.language, a.question, a.body, a.product_id, p.name AS product, a.project_ids
            FROM answer a LEFT JOIN product p ON p.id = a.product_id
            """;

    private final JdbcClient jdbc;

    AnswerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Product> products(UUID workspaceId) {
        return jdbc.sql("SELECT * FROM product WHERE workspace_id = ? ORDER BY lower(name)").params(workspaceId)
                .query(AnswerRepository::product).list();
    }

    public Optional<Product> product(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT * FROM product WHERE workspace_id = ? AND id = ?").params(workspaceId, id)
                .query(AnswerRepository::product).optional();
    }

    public UUID insertProduct(UUID workspaceId, Product p, Instant now) {
        return jdbc.sql("""
                INSERT INTO product (workspace_id, name, description, price_from, price_to, currency, audience,
                  created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(workspaceId, p.name(), p.description(), p.priceFrom(), p.priceTo(), p.currency(),
                        p.audience(), Timestamp.from(now))
                .query(UUID.class).single();
    }

    public List<Answer> answers(UUID workspaceId, String language) {
        return jdbc.sql(ANSWER + """
                WHERE a.workspace_id = :ws AND (CAST(:lang AS text) IS NULL OR a.language = :lang)
                ORDER BY a.language, lower(a.question)""")
                .param("ws", workspaceId).param("lang", language)
                .query(AnswerRepository::answer).list();
    }

    public Optional<Answer> answer(UUID workspaceId, UUID id) {
        return jdbc.sql(ANSWER + " WHERE a.workspace_id = ? AND a.id = ?").params(workspaceId, id)
                .query(AnswerRepository::answer).optional();
    }

    public UUID insertAnswer(UUID workspaceId, Answer a, String latin, UUID by, Instant now) {
        return jdbc.sql("""
                INSERT INTO answer (workspace_id, language, question, body, product_id, project_ids, latin, updated_by,
                  updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(workspaceId, a.language(), a.question(), a.body(), a.productId(),
                        a.projectIds().toArray(UUID[]::new), latin, by, Timestamp.from(now))
                .query(UUID.class).single();
    }

    public boolean updateAnswer(UUID workspaceId, Answer a, String latin, UUID by, Instant now) {
        return jdbc.sql("""
                UPDATE answer SET language = ?, question = ?, body = ?, product_id = ?, project_ids = ?, latin = ?,
                  updated_by = ?, updated_at = ? WHERE workspace_id = ? AND id = ?""")
                .params(a.language(), a.question(), a.body(), a.productId(), a.projectIds().toArray(UUID[]::new),
                        latin, by, Timestamp.from(now), workspaceId, a.id())
                .update() == 1;
    }

    public boolean deleteAnswer(UUID workspaceId, UUID id) {
        return jdbc.sql("DELETE FROM answer WHERE workspace_id = ? AND id = ?").params(workspaceId, id).update() == 1;
    }

    /**
     * Full-text matches (the language's stemmer) and fuzzy ones (word similarity of the Latin spellings),
     * scored together: a stemmed match counts most, then how much of what was typed the text contains.
     */
    public List<Hit> search(UUID workspaceId, String text, String latin, String language, String config,
            UUID projectId, int limit) {
        return jdbc.sql("""
                WITH q AS (SELECT nullif(replace(plainto_tsquery(CAST(:config AS regconfig), :text)::text, '&', '|'), '')
                                    ::tsquery AS ts),
                w AS (SELECT a.id, (SELECT coalesce(max(word_similarity(word, a.latin)), 0)
                                    FROM unnest(CAST(:words AS text[])) word) AS fuzzy,
                             (SELECT coalesce(avg(word_similarity(word, a.latin)), 0)
                                    FROM unnest(CAST(:words AS text[])) word) AS fuzzy_all
                      FROM answer a WHERE a.workspace_id = :ws AND a.language = :lang)
                SELECT a.id, a.language, a.question, a.body, a.product_id, p.name AS product, a.project_ids,
                       (CASE WHEN a.search @@ q.ts THEN 1 + ts_rank(a.search, q.ts) ELSE 0 END)
                         + w.fuzzy_all + word_similarity(:latin, a.latin) AS score
                FROM answer a JOIN w ON w.id = a.id CROSS JOIN q LEFT JOIN product p ON p.id = a.product_id
                WHERE a.workspace_id = :ws AND a.language = :lang
                  AND (CAST(:project AS uuid) IS NULL OR cardinality(a.project_ids) = 0
                       OR CAST(:project AS uuid) = ANY(a.project_ids))
                  AND (coalesce(a.search @@ q.ts, false) OR w.fuzzy >= 0.5 OR word_similarity(:latin, a.latin) >= 0.4)
                ORDER BY score DESC, a.question LIMIT :limit""")
                .param("config", config).param("text", text).param("latin", latin).param("ws", workspaceId)
                .param("words", java.util.Arrays.stream(latin.split(" ")).filter(word -> word.length() >= 4)
                        .toArray(String[]::new))
                .param("lang", language).param("project", projectId).param("limit", limit)
                .query((rs, row) -> new Hit(answer(rs, row), Math.round(rs.getDouble("score") * 1000) / 1000.0))
                .list();
    }

    /** Records a question asked on a call; the same question twice on one call counts once. */
    public void asked(UUID workspaceId, UUID projectId, UUID attemptId, UUID agentId, UUID answerId, String text,
            Instant at) {
        jdbc.sql("""
                INSERT INTO attempt_question (workspace_id, project_id, attempt_id, agent_id, answer_id, text, asked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (attempt_id, text) DO NOTHING""")
                .params(workspaceId, projectId, attemptId, agentId, answerId, text, Timestamp.from(at)).update();
    }

    /** The questions asked in a project over [from, to), most asked first; those with no answer flagged. */
    public List<dev.callsheet.answers.Answers.Asked> asked(UUID workspaceId, UUID projectId, Instant from, Instant to,
            int limit) {
        return jdbc.sql("""
                SELECT q.answer_id, coalesce(a.question, q.text) AS question, count(*) AS times,
                       count(DISTINCT q.attempt_id) AS calls, min(q.asked_at) AS first, max(q.asked_at) AS last
                FROM attempt_question q LEFT JOIN answer a ON a.id = q.answer_id
                WHERE q.workspace_id = ? AND q.project_id = ? AND q.asked_at >= ? AND q.asked_at < ?
                GROUP BY q.answer_id, coalesce(a.question, lower(q.text)), coalesce(a.question, q.text)
                ORDER BY times DESC, question LIMIT ?""")
                .params(workspaceId, projectId, Timestamp.from(from), Timestamp.from(to), limit)
                .query((rs, row) -> new dev.callsheet.answers.Answers.Asked(rs.getObject("answer_id", UUID.class),
                        rs.getString("question"), rs.getLong("times"), rs.getObject("answer_id") == null))
                .list();
    }

    /**
     * The same per week (Monday first, on the given clock), newest week first, most asked first within it: one
     * read for a report's whole period.
     */
    public java.util.Map<java.time.LocalDate, List<dev.callsheet.answers.Answers.Asked>> askedByWeek(UUID workspaceId,
            UUID projectId, Instant from, Instant to, java.time.ZoneId zone) {
        java.util.Map<java.time.LocalDate, List<dev.callsheet.answers.Answers.Asked>> weeks = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                SELECT date_trunc('week', q.asked_at AT TIME ZONE ?)::date AS monday, q.answer_id,
                       coalesce(a.question, q.text) AS question, count(*) AS times
                FROM attempt_question q LEFT JOIN answer a ON a.id = q.answer_id
                WHERE q.workspace_id = ? AND q.project_id = ? AND q.asked_at >= ? AND q.asked_at < ?
                GROUP BY 1, q.answer_id, coalesce(a.question, lower(q.text)), coalesce(a.question, q.text)
                ORDER BY monday DESC, times DESC, question""")
                .params(zone.getId(), workspaceId, projectId, Timestamp.from(from), Timestamp.from(to))
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> weeks
                        .computeIfAbsent(rs.getObject("monday", java.time.LocalDate.class), k -> new java.util.ArrayList<>())
                        .add(new dev.callsheet.answers.Answers.Asked(rs.getObject("answer_id", UUID.class),
                                rs.getString("question"), rs.getLong("times"), rs.getObject("answer_id") == null)));
        return weeks;
    }

    private static Product product(ResultSet rs, int row) throws SQLException {
        return new Product(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getBigDecimal("price_from"), rs.getBigDecimal("price_to"), rs.getString("currency"),
                rs.getString("audience"));
    }

    private static Answer answer(ResultSet rs, int row) throws SQLException {
        Array projects = rs.getArray("project_ids");
        return new Answer(rs.getObject("id", UUID.class), rs.getString("language"), rs.getString("question"),
                rs.getString("body"), rs.getObject("product_id", UUID.class), rs.getString("product"),
                Arrays.asList((UUID[]) projects.getArray()));
    }
}
