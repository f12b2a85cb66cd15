package dev.callsheet.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report's figure as people read it: rates as percentages, durations as h:mm:ss, counts as numbers, money in its
 * currency for the viewer's locale.
 */
public final class Figures {

    private Figures() {
    }

    /** The figures that are money: in the currencies of their {@code …ByCurrency} list, or the cost currency. */
    private static boolean costs(String kpi) {
        return kpi.equals("cost") || kpi.startsWith("costPer");
    }

    /**
     * The figure named {@code kpi} of a set of figures (a report's, a review's stored JSON): money with its
     * currency, one amount per currency (revenue, commission) or in the figures' cost currency (costs).
     */
    public static String figure(String kpi, Map<String, ?> figures, Locale locale) {
        if (figures == null) {
            return "—";
        }
        Object byCurrency = figures.get(kpi + "ByCurrency");
        Object costCurrency = figures.get("costCurrency");
        if (byCurrency instanceof List<?> list) {
            if (list.isEmpty()) {
                // nothing earned: a zero in the workspace's currency
                return figures.get(kpi) == null ? "—" : money(BigDecimal.ZERO,
                        costCurrency == null ? null : costCurrency.toString(), locale);
            }
            return money(list, locale);
        }
        if (costs(kpi) && costCurrency != null && figures.get(kpi) != null) {
            return money(new BigDecimal(figures.get(kpi).toString()), costCurrency.toString(), locale);
        }
        return format(kpi, figures.get(kpi), locale);
    }

    /** An amount in its currency for the viewer's locale: "kr 10 000,00" in nb, "€1,000.00" in en. */
    public static String money(BigDecimal amount, String currency, Locale locale) {
        if (amount == null) {
            return "—";
        }
        if (currency == null || currency.isBlank()) {
            NumberFormat plain = NumberFormat.getNumberInstance(locale);
            plain.setMinimumFractionDigits(2);
            plain.setMaximumFractionDigits(2);
            return plain.format(amount);
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        try {
            format.setCurrency(Currency.getInstance(currency.strip()));
        } catch (IllegalArgumentException e) {
            return NumberFormat.getNumberInstance(locale).format(amount) + " " + currency;
        }
        return format.format(amount);
    }

    /**
     * Amounts per currency ({@link Money} or their JSON maps {currency, amount}), each in its own currency,
     * joined by " · "; none is zero without a currency sign.
     */
    public static String money(List<?> amounts, Locale locale) {
        if (amounts == null || amounts.isEmpty()) {
            return money(BigDecimal.ZERO, null, locale);
        }
        List<String> parts = new ArrayList<>();
        for (Object a : amounts) {
            if (a instanceof Money m) {
                parts.add(money(m.amount(), m.currency(), locale));
            } else if (a instanceof Map<?, ?> m && m.get("amount") != null) {
                parts.add(money(new BigDecimal(m.get("amount").toString()),
                        m.get("currency") == null ? null : m.get("currency").toString(), locale));
            }
        }
        return String.join(" · ", parts);
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
