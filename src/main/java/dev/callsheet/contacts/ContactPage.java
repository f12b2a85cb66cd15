package dev.callsheet.contacts;

import java.util.List;

/** One page of a lead list and how many cards match in all. */
public record ContactPage(List<ContactSummary> items, long total) {
}
