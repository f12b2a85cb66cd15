package dev.callsheet.campaigns;

import java.time.LocalDate;

/** A public holiday in a country: nobody there is called on it. */
public record Holiday(String country, LocalDate day, String name) {
}
