/**
 * Demonstration data for {@code --demo}: a living workspace seeded through the other modules'
 * public services, once and idempotently. Later modules add their part here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package dev.callsheet.demo;
