package dev.callsheet.campaigns;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a script may say in braces (docs/domain.md §7): the agent reads "this is {agent} from {company}" with the
 * names filled in for the call at hand. A name outside {@link #KNOWN} is refused when the script is saved,
 * so no call ever shows a literal placeholder; braces around anything that is not a name stay text.
 */
public final class ScriptPlaceholders {

    /** The lead's fields also answer to {@code contact.*}, as in the material templates. */
    public static final List<String> KNOWN = List.of("agent", "agent.name", "agent.firstName", "company", "project",
            "lead.firstName", "lead.surname", "lead.name", "lead.company", "lead.city",
            "contact.firstName", "contact.surname", "contact.name");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z.]*)}");

    private ScriptPlaceholders() {
    }

    /** The names in braces that no call can fill, in the order they appear. */
    public static Set<String> unknownIn(String text) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text == null ? "" : text);
        while (matcher.find()) {
            if (!KNOWN.contains(matcher.group(1))) {
                unknown.add(matcher.group(1));
            }
        }
        return unknown;
    }

    /** The script with every known placeholder replaced by its value ("" when the call has none). */
    public static Script fill(Script script, Map<String, String> values) {
        List<Script.Node> nodes = new ArrayList<>();
        for (Script.Node node : script.nodes()) {
            nodes.add(new Script.Node(node.id(), node.stage(), fill(node.text(), values), node.answers().stream()
                    .map(a -> new Script.Answer(fill(a.label(), values), a.next())).toList()));
        }
        return new Script(script.language(), script.wordForWord(), script.start(), nodes, script.objections().stream()
                .map(o -> new Script.Objection(fill(o.objection(), values), fill(o.answer(), values))).toList());
    }

    static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = KNOWN.contains(name) ? values.getOrDefault(name, "") : matcher.group();
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
