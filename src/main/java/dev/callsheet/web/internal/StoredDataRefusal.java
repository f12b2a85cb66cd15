package dev.callsheet.web.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.http.HttpStatus;

/**
 * What a write PostgreSQL refused says to the caller, when a service let it through unchecked: a unique key taken is
 * a 409 (a real conflict); a missing reference, a missing value, a failed CHECK or a value the column cannot hold is
 * a 400. Either way the {@code field} is named — from the column PostgreSQL reports, else the constraint's name
 * ({@code <table>_<column>_check}), else {@code body}. Services should check first; this is the net under them, and
 * its 400s say "cannot be stored" so a test can tell them from a service's own check.
 *
 * @param status 409 or 400
 * @param field the request field in camelCase, {@code body} when nothing better is known
 * @param detail a sentence for the caller, without PostgreSQL's own text (which may quote stored data)
 */
record StoredDataRefusal(HttpStatus status, String field, String detail) {

    private static final Pattern KEY_COLUMNS = Pattern.compile("Key \\((.+?)\\)=");

    static StoredDataRefusal of(Throwable failure) {
        ServerErrorMessage server = null;
        String state = null;
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql) {
                server = psql.getServerErrorMessage();
                state = psql.getSQLState();
                break;
            }
        }
        if (state == null) {
            return new StoredDataRefusal(HttpStatus.BAD_REQUEST, "body", "body cannot be stored: a value is not one we keep");
        }
        return switch (state) {
            case "23505" -> {
                String field = keyField(server);
                yield new StoredDataRefusal(HttpStatus.CONFLICT, field,
                        "The request conflicts with data already stored: that " + field + " is taken");
            }
            case "23503" -> {
                String field = keyField(server);
                yield new StoredDataRefusal(HttpStatus.BAD_REQUEST, field, field + " cannot be stored: it refers to nothing stored");
            }
            case "23502" -> {
                String field = server == null || server.getColumn() == null ? "body" : camel(server.getColumn());
                yield new StoredDataRefusal(HttpStatus.BAD_REQUEST, field, field + " cannot be stored: it is required");
            }
            case "23514" -> {
                String field = checkField(server);
                yield new StoredDataRefusal(HttpStatus.BAD_REQUEST, field, field + " cannot be stored: it is not an allowed value");
            }
            default -> {
                String field = server == null || server.getColumn() == null ? "body" : camel(server.getColumn());
                yield new StoredDataRefusal(HttpStatus.BAD_REQUEST, field, field + " cannot be stored: a value is not one we keep");
            }
        };
    }

    /** The last column of the key PostgreSQL names ({@code Key (workspace_id, lower(name))=…} → {@code name}). */
    private static String keyField(ServerErrorMessage server) {
        if (server != null && server.getDetail() != null) {
            Matcher key = KEY_COLUMNS.matcher(server.getDetail());
            if (key.find()) {
                String[] columns = key.group(1).split(",");
                String last = columns[columns.length - 1].strip().replaceAll("^\\w+\\((\\w+)\\)$", "$1");
                if (last.matches("\\w+")) {
                    return camel(last);
                }
            }
        }
        return server != null && server.getColumn() != null ? camel(server.getColumn()) : "body";
    }

    /** {@code app_user_email_check} on table {@code app_user} → {@code email}. */
    private static String checkField(ServerErrorMessage server) {
        if (server == null || server.getConstraint() == null) {
            return "body";
        }
        String constraint = server.getConstraint();
        String table = server.getTable();
        if (table != null && constraint.startsWith(table + "_") && constraint.endsWith("_check")) {
            String column = constraint.substring(table.length() + 1, constraint.length() - "_check".length());
            if (!column.isEmpty()) {
                return camel(column.replaceAll("_check\\d*$|\\d+$", ""));
            }
        }
        return "body";
    }

    private static String camel(String column) {
        StringBuilder field = new StringBuilder();
        boolean upper = false;
        for (char c : column.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = field.length() > 0;
            } else {
                field.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }
}
