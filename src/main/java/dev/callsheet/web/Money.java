package dev.callsheet.web;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An amount in one currency (ISO 4217). Money is never added across currencies: a total over amounts in
 * several currencies is a list of one {@code Money} per currency.
 */
public record Money(String currency, BigDecimal amount) {

    /** The totals per currency (sorted by code) of the amounts; a currency whose amounts cancel out stays, as zero. */
    public static List<Money> totals(Collection<Money> amounts) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (Money m : amounts) {
            if (m != null && m.amount() != null && m.currency() != null) {
                sums.merge(m.currency(), m.amount(), BigDecimal::add);
            }
        }
        return sums.entrySet().stream().map(e -> new Money(e.getKey(), e.getValue())).toList();
    }

    /**
     * The one number a single-figure field may show: the amount when every amount is in one currency, zero when
     * there are none, null when there are several currencies (a sum across them would be meaningless).
     */
    public static BigDecimal single(List<Money> totals) {
        if (totals.isEmpty()) {
            return BigDecimal.ZERO;
        }
        return totals.size() == 1 ? totals.get(0).amount() : null;
    }
}
