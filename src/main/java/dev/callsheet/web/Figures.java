package dev.callsheet.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/** A report's figure as people read it: rates as percentages, durations as h:mm:ss, counts and money as numbers. */
public final class Figures {

    private Figures() {
    }

    /** Formats {@code value} by what the figure named {@code kpi} is; null is a dash (nothing to divide by). */
    public static String format(String kpi, Object value, Locale locale) {
        if (value == null) {
            return "—";
        }
        double number = value instanceof Number n ? n.doubleValue() : new BigDecimal(value.toString()).doubleValue();
        if (kpi.endsWith("Rate") || kpi.equals("conversion") || kpi.equals("share")) {
            NumberFormat percent = NumberFormat.getPercentInstance(locale);
            percent.setMaximumFractionDigits(1);
            return percent.format(number);
        }
        if (kpi.endsWith("Seconds")) {
            long seconds = Math.round(number);
            return seconds >= 3600
                    ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                    : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
        }
        NumberFormat plain = NumberFormat.getNumberInstance(locale);
        plain.setMaximumFractionDigits(2);
        return plain.format(number);
    }
}
