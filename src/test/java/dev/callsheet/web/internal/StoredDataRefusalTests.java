package dev.callsheet.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;

/**
 * What a refused write tells the caller, from PostgreSQL's error fields as the server sends them (the wire format
 * pgjdbc parses): a unique key is the only 409, and every answer names a field.
 */
class StoredDataRefusalTests {

    private static DataIntegrityViolationException refused(String... fields) {
        String wire = "SERROR\0VERROR\0" + String.join("\0", fields) + "\0";
        return new DataIntegrityViolationException("refused",
                new PSQLException(new ServerErrorMessage(wire)));
    }

    @Test
    void aTakenUniqueKeyIsAConflictNamingTheKeysLastColumn() {
        StoredDataRefusal refusal = StoredDataRefusal.of(refused("C23505",
                "Mduplicate key value violates unique constraint \"team_name_key\"",
                "DKey (workspace_id, lower(name))=(0a, setters) already exists.", "tteam", "nteam_name_key"));
        assertThat(refusal.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refusal.field()).isEqualTo("name");
        assertThat(refusal.detail()).doesNotContain("setters");
    }

    @Test
    void aMissingReferenceIsABadRequestNamingItsColumnInCamelCase() {
        StoredDataRefusal refusal = StoredDataRefusal.of(refused("C23503",
                "Minsert or update on table \"deal\" violates foreign key constraint \"deal_contact_id_fkey\"",
                "DKey (contact_id)=(0b) is not present in table \"contact\".", "tdeal"));
        assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal.field()).isEqualTo("contactId");
    }

    @Test
    void aFailedCheckNamesTheColumnItsConstraintIsNamedAfter() {
        StoredDataRefusal refusal = StoredDataRefusal.of(refused("C23514",
                "Mnew row for relation \"app_user\" violates check constraint \"app_user_email_check\"",
                "tapp_user", "napp_user_email_check"));
        assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal.field()).isEqualTo("email");
    }

    @Test
    void aNotNullViolationNamesItsColumn() {
        StoredDataRefusal refusal = StoredDataRefusal.of(refused("C23502",
                "Mnull value in column \"display_name\" violates not-null constraint", "tapp_user", "cdisplay_name"));
        assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal.field()).isEqualTo("displayName");
    }

    @Test
    void anythingElseIsABadRequestThatStillNamesAField() {
        StoredDataRefusal nul = StoredDataRefusal.of(refused("C22021",
                "Minvalid byte sequence for encoding \"UTF8\": 0x00"));
        assertThat(nul.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nul.field()).isEqualTo("body");
        StoredDataRefusal unknown = StoredDataRefusal.of(new DataIntegrityViolationException("no cause"));
        assertThat(unknown.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.field()).isEqualTo("body");
    }
}
