package dev.callsheet.campaigns;

import java.util.List;

/**
 * A project's script in one language (docs/domain.md §7): opening, dialogue and close nodes, each
 * with the lead's possible answers leading to the next node, and prepared answers to objections.
 *
 * @param wordForWord the agent must read it as written
 * @param start       the id of the first node
 */
public record Script(String language, boolean wordForWord, String start, List<Node> nodes,
        List<Objection> objections) {

    public enum Stage { OPENING, DIALOGUE, CLOSE }

    public record Node(String id, Stage stage, String text, List<Answer> answers) {
    }

    /** A way the lead may answer, and the node it leads to (null: the script ends). */
    public record Answer(String label, String next) {
    }

    public record Objection(String objection, String answer) {
    }

    public Node node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }
}
