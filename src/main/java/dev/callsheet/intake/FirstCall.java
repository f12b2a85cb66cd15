package dev.callsheet.intake;

/**
 * The first-call form in the order of docs/domain.md §3.1: the caller's question and its answer, material by e-mail
 * (the way to get an address), the phone "just in case" and the name to send to, then organisation, line of
 * business and where they heard of us. {@code contactId} when the caller is known; {@code campaign} the code of the
 * coupon or advert the caller mentions.
 */
public record FirstCall(String phone, String contactId, String question, String answer, String email,
        String material, String name, String organisation, String lineOfBusiness, String heardOfUs, String region,
        String campaign) {
}
