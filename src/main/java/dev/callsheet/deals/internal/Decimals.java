package dev.callsheet.deals.internal;

import java.math.BigDecimal;

/** Numbers as people write them: 30, 2.5, 12.75 — never 3E+1. */
public final class Decimals {

    private Decimals() {
    }

    /** Without trailing zeros, and without an exponent for whole tens. */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
