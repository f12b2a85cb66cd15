package dev.callsheet.intake;

import java.util.Map;

/**
 * A form a company website posts (form-encoded or JSON). {@code extra} holds every other field of the form.
 *
 * @param consent "true", "on", "yes" or "1" when the visitor agreed to be contacted about more than their request
 * @param project a project whose queue the lead joins for an agent's first call, if wanted
 * @param campaign the code of the campaign (coupon, advert) the form belongs to, if any
 */
public record WebLead(String name, String company, String phone, String email, String website, String message,
        String country, String region, String consent, String project, Map<String, String> extra, String campaign) {
}
