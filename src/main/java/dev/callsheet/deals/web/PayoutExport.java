package dev.callsheet.deals.web;

import dev.callsheet.deals.Commissions;
import dev.callsheet.web.Sheets;
import java.util.Arrays;
import java.util.List;

/** The payout report as tables: totals per person and currency, then every ledger line. */
final class PayoutExport {

    private static final List<String> TOTALS = List.of("username", "name", "currency", "won", "reversed", "total",
            "lines");
    private static final List<String> LINES = List.of("period", "username", "name", "share", "kind", "amount",
            "currency", "deal", "dealId", "at");

    private PayoutExport() {
    }

    static List<Sheets.Sheet> sheets(List<Commissions.Payout> totals, List<Commissions.Entry> lines) {
        return List.of(new Sheets.Sheet("Payout", TOTALS, totals.stream().map(PayoutExport::total).toList()),
                new Sheets.Sheet("Ledger", LINES, lines.stream().map(PayoutExport::line).toList()));
    }

    private static List<Object> total(Commissions.Payout p) {
        return Arrays.asList(p.person().username(), p.person().displayName(), p.currency(), p.won(), p.reversed(),
                p.total(), p.lines());
    }

    private static List<Object> line(Commissions.Entry e) {
        return Arrays.asList(e.period(), e.person().username(), e.person().displayName(), e.share(), e.kind(),
                e.amount(), e.currency(), e.deal() == null ? "" : e.deal(), e.dealId().toString(), e.at().toString());
    }
}
