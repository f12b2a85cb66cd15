package dev.callsheet.contacts.internal;

import static dev.callsheet.contacts.internal.Level.CLOSE;
import static dev.callsheet.contacts.internal.Level.CONTAINS;
import static dev.callsheet.contacts.internal.Level.DIFFERENT;
import static dev.callsheet.contacts.internal.Level.EXACT;
import static dev.callsheet.contacts.internal.Level.INITIAL;
import static dev.callsheet.contacts.internal.Level.NICKNAME;
import static dev.callsheet.contacts.internal.Level.SIMILAR;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fields the duplicate check compares, each with its comparison levels and the prior m and u probabilities
 * of each level (ADR 0006): m = how often two cards of one client are at that level, u = how often two cards of
 * two clients are. The workspace's own cards move these within bounds ({@link LinkageModel}); these are what a new
 * or tiny workspace uses. Written from what each field says in this trade: a shared phone number is near proof, a
 * shared first name a hint, a different postcode an argument against.
 */
public enum Field {
    REGISTRATION_NUMBER(levels(EXACT, 0.90, 1e-6, CLOSE, 0.05, 1e-4, DIFFERENT, 0.05, 0.9999)),
    PHONE(levels(EXACT, 0.60, 2e-5, CLOSE, 0.08, 5e-4, DIFFERENT, 0.32, 0.9995)),
    EMAIL(levels(EXACT, 0.55, 1e-5, CLOSE, 0.20, 2e-4, DIFFERENT, 0.25, 0.9998)),
    /** A corporate e-mail domain or a website shared. */
    DOMAIN(levels(EXACT, 0.75, 2e-3, DIFFERENT, 0.25, 0.998)),
    COMPANY(levels(EXACT, 0.70, 1e-3, CLOSE, 0.12, 1e-3, CONTAINS, 0.08, 3e-3, SIMILAR, 0.05, 0.05,
            DIFFERENT, 0.05, 0.946)),
    FIRST_NAME(levels(EXACT, 0.82, 8e-3, NICKNAME, 0.03, 1e-3, INITIAL, 0.02, 0.02, CLOSE, 0.08, 2e-3,
            SIMILAR, 0.03, 0.02, DIFFERENT, 0.02, 0.948)),
    SURNAME(levels(EXACT, 0.82, 2e-3, CLOSE, 0.09, 5e-4, SIMILAR, 0.05, 0.01, DIFFERENT, 0.04, 0.9875)),
    ADDRESS(levels(EXACT, 0.65, 5e-4, CLOSE, 0.15, 1e-3, SIMILAR, 0.08, 0.01, DIFFERENT, 0.12, 0.9885)),
    POSTCODE(levels(EXACT, 0.82, 2e-3, CLOSE, 0.08, 0.01, DIFFERENT, 0.10, 0.988)),
    CITY(levels(EXACT, 0.80, 0.01, CLOSE, 0.08, 3e-3, DIFFERENT, 0.12, 0.987)),
    BIRTH_DATE(levels(EXACT, 0.85, 1e-4, CLOSE, 0.08, 1e-3, DIFFERENT, 0.07, 0.9989));

    /** A level's prior m and u. */
    public record Prior(double m, double u) {
    }

    private final Map<Level, Prior> priors;

    Field(Map<Level, Prior> priors) {
        this.priors = priors;
    }

    /** The levels of this field, best first, with their priors; MISSING is not among them. */
    public Map<Level, Prior> priors() {
        return priors;
    }

    public List<Level> levels() {
        return List.copyOf(priors.keySet());
    }

    private static Map<Level, Prior> levels(Object... spec) {
        Map<Level, Prior> map = new EnumMap<>(Level.class);
        for (int i = 0; i < spec.length; i += 3) {
            map.put((Level) spec[i], new Prior((Double) spec[i + 1], (Double) spec[i + 2]));
        }
        return Collections.unmodifiableMap(map);
    }
}
