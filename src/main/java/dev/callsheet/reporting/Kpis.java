package dev.callsheet.reporting;

import dev.callsheet.web.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KPIs of a project (or an agent, team, source, day) over a period; docs/REPORTS.md defines each.
 * Rates are fractions (0.25 is 25 %) and null when their denominator is zero: no calls is not a 0 % rate.
 * Money is never summed across currencies: {@code revenueByCurrency} and {@code commissionByCurrency} hold one
 * total per currency; {@code revenue} and {@code commission} are the single total when there is one currency (zero
 * when none) and null when there are several. Costs are in {@code costCurrency}, the workspace's currency.
 */
public record Kpis(long dials, long connects, Double connectRate, long talkSeconds, long phoneSeconds,
        long successfulCalls, Double averageSuccessfulCallSeconds, long appointmentsSet, Double appointmentsPerHour,
        long appointmentsHeld, long noShows, Double showRate, long resolved, long resolvedFirstCall,
        Double oneCallResolutionRate, long qualified, Double qualificationRate, long dealsWon, BigDecimal revenue,
        BigDecimal commission, long gatekeepers, Double decisionMakerReachRate, BigDecimal cost,
        BigDecimal costPerDialHour, BigDecimal costPerAppointment, BigDecimal costPerHeld,
        BigDecimal costPerWonDeal, List<Money> revenueByCurrency, List<Money> commissionByCurrency,
        String costCurrency) {

    /** The average successful call of docs/domain.md §7: about three and a half minutes. */
    public static final int REFERENCE_SUCCESSFUL_CALL_SECONDS = 210;

    /** The figures in the order the report shows them, as the API's JSON and the exports carry them. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dials", dials);
        map.put("connects", connects);
        map.put("connectRate", connectRate);
        map.put("talkSeconds", talkSeconds);
        map.put("phoneSeconds", phoneSeconds);
        map.put("successfulCalls", successfulCalls);
        map.put("averageSuccessfulCallSeconds", averageSuccessfulCallSeconds);
        map.put("appointmentsSet", appointmentsSet);
        map.put("appointmentsPerHour", appointmentsPerHour);
        map.put("appointmentsHeld", appointmentsHeld);
        map.put("noShows", noShows);
        map.put("showRate", showRate);
        map.put("resolved", resolved);
        map.put("resolvedFirstCall", resolvedFirstCall);
        map.put("oneCallResolutionRate", oneCallResolutionRate);
        map.put("qualified", qualified);
        map.put("qualificationRate", qualificationRate);
        map.put("dealsWon", dealsWon);
        map.put("revenue", revenue);
        map.put("commission", commission);
        map.put("gatekeepers", gatekeepers);
        map.put("decisionMakerReachRate", decisionMakerReachRate);
        map.put("cost", cost);
        map.put("costPerDialHour", costPerDialHour);
        map.put("costPerAppointment", costPerAppointment);
        map.put("costPerHeld", costPerHeld);
        map.put("costPerWonDeal", costPerWonDeal);
        map.put("revenueByCurrency", revenueByCurrency);
        map.put("commissionByCurrency", commissionByCurrency);
        map.put("costCurrency", costCurrency);
        return map;
    }

    static Kpis of(long dials, long connects, long talk, long phone, long successful, long successfulTalk,
            long set, long held, long noShows, long resolved, long resolvedFirst, long qualified, long won,
            List<Money> revenue, List<Money> commission, long gatekeepers, BigDecimal cost, String costCurrency) {
        return new Kpis(dials, connects, ratio(connects, dials), talk, phone, successful,
                ratio(successfulTalk, successful), set, phone == 0 ? null : round(set * 3600.0 / phone), held,
                noShows, ratio(held, held + noShows), resolved, resolvedFirst, ratio(resolvedFirst, resolved),
                qualified, ratio(qualified, connects), won, Money.single(revenue),
                commission == null ? null : Money.single(commission), gatekeepers,
                ratio(connects - gatekeepers, connects), cost,
                cost == null || phone == 0 ? null : cost.multiply(BigDecimal.valueOf(3600))
                        .divide(BigDecimal.valueOf(phone), 2, RoundingMode.HALF_UP),
                per(cost, set), per(cost, held), per(cost, won), revenue, commission, costCurrency);
    }

    /** What each one cost: the paid time's cost divided by their number; null when there are none or no cost. */
    private static BigDecimal per(BigDecimal cost, long count) {
        return cost == null || count == 0 ? null : cost.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
