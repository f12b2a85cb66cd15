package dev.callsheet.contacts.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * First names that name the same person — William and Bill, Aleksandr and Sasha, José and Pepe — from the table
 * {@code contacts/first-names.txt} (its header names its source). Names are compared as name keys, so Саша and
 * Sasha are one name before this table is asked.
 */
final class FirstNames {

    private static final Map<String, BitSet> GROUPS = read("/contacts/first-names.txt");

    private FirstNames() {
    }

    /** Whether two first-name keys are a name and its short form, or two short forms of one name. */
    static boolean equivalent(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        BitSet one = GROUPS.get(a);
        BitSet two = GROUPS.get(b);
        return one != null && two != null && one.intersects(two);
    }

    private static Map<String, BitSet> read(String resource) {
        Map<String, BitSet> groups = new HashMap<>();
        try (InputStream in = FirstNames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int group = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String entry = (comment < 0 ? line : line.substring(0, comment)).strip();
                if (entry.isEmpty()) {
                    continue;
                }
                List<String> names = new ArrayList<>(List.of(entry.split("\\s+")));
                for (String name : names) {
                    groups.computeIfAbsent(name, n -> new BitSet()).set(group);
                }
                group++;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return Map.copyOf(groups);
    }
}
