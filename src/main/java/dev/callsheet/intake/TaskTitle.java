package dev.callsheet.intake;

import java.util.Arrays;
import java.util.List;

/**
 * What a task says, as a message key and its arguments: stored with the task, so each reader sees it in their own
 * language (the English text is kept as the task's {@code title} for the API and for tasks made before keys).
 *
 * @param key  a {@code task.*} key of the message bundles
 * @param args the names and numbers the message shows, in order
 */
public record TaskTitle(String key, List<String> args) {

    public static TaskTitle of(String key, Object... args) {
        return new TaskTitle(key, Arrays.stream(args).map(String::valueOf).toList());
    }
}
