package dev.callsheet.intake;

/**
 * One assignment rule: when every given condition holds, the lead goes to the target. Conditions left out match
 * anything.
 *
 * @param channel        WEB, INBOUND_CALL or EXHIBITION
 * @param region         a region's name
 * @param language       the card's language, e.g. {@code ko}
 * @param lineOfBusiness text the card's line of business contains (case-insensitive)
 * @param minEmployees   company size from the card's {@code employees} field, at least…
 * @param projectId      the project the lead is pushed into
 * @param target         USER (a person), TEAM (its reps in round robin), DUTY (the duty manager), OWNER (the card's)
 */
public record RoutingRule(String name, String channel, String region, String language, String lineOfBusiness,
        Integer minEmployees, Integer maxEmployees, String projectId, String target, String userId, String teamId) {
}
