package dev.callsheet.reporting.web;

import dev.callsheet.campaigns.Project;
import dev.callsheet.deals.DealFigures;
import dev.callsheet.reporting.Kpis;
import dev.callsheet.reporting.Reports;
import dev.callsheet.web.Sheets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reports as the API's JSON (figures flat at the top, as the contract names them) and as download tables. */
final class ReportTables {

    private static final List<String> KPI_NAMES = List.copyOf(new Kpis(0, 0, null, 0, 0, 0, null, 0, null, 0, 0,
            null, 0, 0, null, 0, null, 0, null, null, 0, null, null, null, null, null, null, List.of(), List.of(), null)
            .asMap().keySet());

    private ReportTables() {
    }

    static String fileName(String report, Project project, Reports.Period period) {
        String name = project.name().replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-|-$)", "");
        return report + "-" + (name.isEmpty() ? "project" : name) + "-" + period.firstDay() + "-" + period.lastDay();
    }

    private static Map<String, Object> head(Project project, Reports.Period period) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("projectId", project.id());
        json.put("project", project.name());
        json.put("from", period.firstDay());
        json.put("to", period.lastDay());
        json.put("timeZone", period.zone().getId());
        return json;
    }

    static Map<String, Object> json(Reports.KpiReport report) {
        Map<String, Object> json = head(report.project(), report.period());
        json.putAll(report.totals().asMap());
        json.put("targets", report.targets());
        json.put("groupBy", report.groupBy());
        json.put("rows", report.rows().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", r.key());
            row.put("label", r.label());
            row.putAll(r.kpis().asMap());
            return row;
        }).toList());
        return json;
    }

    static List<Sheets.Sheet> kpis(Reports.KpiReport report) {
        List<Sheets.Sheet> sheets = new ArrayList<>();
        List<List<Object>> totals = new ArrayList<>();
        report.totals().asMap().forEach((k, v) -> totals.add(Arrays.asList(k, cell(v))));
        sheets.add(new Sheets.Sheet("KPIs", List.of("kpi", "value"), totals));
        sheets.add(new Sheets.Sheet("Targets", List.of("kpi", "target", "actual", "met"), report.targets().stream()
                .map(t -> Arrays.<Object>asList(t.kpi(), t.target(), t.actual(), t.met())).toList()));
        if (report.groupBy() != null) {
            List<String> header = new ArrayList<>(List.of(report.groupBy(), "label"));
            header.addAll(KPI_NAMES);
            List<List<Object>> rows = new ArrayList<>();
            for (Reports.Row r : report.rows()) {
                List<Object> row = new ArrayList<>(Arrays.asList(r.key(), r.label()));
                r.kpis().asMap().values().forEach(v -> row.add(cell(v)));
                rows.add(row);
            }
            sheets.add(new Sheets.Sheet("By " + report.groupBy(), header, rows));
        }
        return sheets;
    }

    /** A cell of a download: amounts per currency as "1000.00 EUR; 10000.00 NOK", anything else as it is. */
    private static Object cell(Object value) {
        if (value instanceof List<?> list) {
            return String.join("; ", list.stream().map(m -> m instanceof dev.callsheet.web.Money money
                    ? money.amount().toPlainString() + " " + money.currency() : String.valueOf(m)).toList());
        }
        return value;
    }

    static Map<String, Object> json(Reports.Funnel funnel) {
        Map<String, Object> json = head(funnel.project(), funnel.period());
        json.put("steps", funnel.steps());
        json.put("bySource", funnel.bySource());
        json.put("byCampaign", funnel.byCampaign());
        return json;
    }

    /** One row per project (or per source of one project) and step. */
    static Sheets.Sheet funnel(List<Reports.Funnel> funnels, boolean bySource) {
        List<List<Object>> rows = new ArrayList<>();
        for (Reports.Funnel f : funnels) {
            for (Reports.Step s : f.steps()) {
                rows.add(Arrays.asList(f.project().name(), "ALL", "", s.step(), s.count(), s.conversion()));
            }
            if (bySource) {
                for (Reports.SourceFunnel source : f.bySource()) {
                    for (Reports.Step s : source.steps()) {
                        rows.add(Arrays.asList(f.project().name(), source.source(), "", s.step(), s.count(),
                                s.conversion()));
                    }
                }
                for (Reports.CampaignFunnel campaign : f.byCampaign()) {
                    for (Reports.Step s : campaign.steps()) {
                        rows.add(Arrays.asList(f.project().name(), "", campaign.campaign(), s.step(), s.count(),
                                s.conversion()));
                    }
                }
            }
        }
        return new Sheets.Sheet("Funnel", List.of("project", "source", "campaign", "step", "count", "conversion"),
                rows);
    }

    static Map<String, Object> json(Reports.Breakdown b) {
        Map<String, Object> json = head(b.project(), b.period());
        json.put("connected", b.connected());
        json.put("notConnected", b.notConnected());
        json.put("confirmation", b.confirmation());
        json.put("revisit", b.revisit());
        return json;
    }

    static Sheets.Sheet outcomes(Reports.Breakdown b) {
        List<List<Object>> rows = new ArrayList<>();
        Map<String, List<Reports.OutcomeShare>> groups = new LinkedHashMap<>();
        groups.put("connected", b.connected());
        groups.put("notConnected", b.notConnected());
        groups.put("confirmation", b.confirmation());
        groups.put("revisit", b.revisit());
        groups.forEach((group, shares) -> shares.forEach(s -> rows.add(Arrays.asList(group, s.code(), s.label(),
                s.calls(), s.share()))));
        return new Sheets.Sheet("Outcomes", List.of("group", "outcome", "label", "calls", "share"), rows);
    }

    static Map<String, Object> json(DealFigures.Figures f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pipelineId", f.pipeline().id());
        json.put("pipeline", f.pipeline().name());
        json.put("total", row(f.total()));
        json.put("bySource", f.bySource().stream().map(ReportTables::row).toList());
        json.put("bySetter", f.bySetter().stream().map(ReportTables::row).toList());
        json.put("byCloser", f.byCloser().stream().map(ReportTables::row).toList());
        return json;
    }

    private static Map<String, Object> row(DealFigures.Row r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", r.key());
        row.put("deals", r.deals());
        row.put("won", r.won());
        row.put("lost", r.lost());
        row.put("winRate", r.winRate());
        row.put("conversion", r.conversion());
        row.put("revenue", r.revenue());
        return row;
    }

    static List<Sheets.Sheet> deals(DealFigures.Figures f) {
        List<String> header = List.of("key", "deals", "won", "lost", "winRate", "conversion", "revenue");
        return List.of(new Sheets.Sheet("By source", header, f.bySource().stream().map(ReportTables::cells).toList()),
                new Sheets.Sheet("By setter", header, f.bySetter().stream().map(ReportTables::cells).toList()),
                new Sheets.Sheet("By closer", header, f.byCloser().stream().map(ReportTables::cells).toList()));
    }

    private static List<Object> cells(DealFigures.Row r) {
        return Arrays.asList(r.key(), r.deals(), r.won(), r.lost(), r.winRate(), r.conversion(), r.revenue());
    }

    static Sheets.Sheet floor(Reports.FloorView floor) {
        return new Sheets.Sheet("Floor", List.of("agent", "state", "since", "project", "callsToday", "connectsToday",
                "appointmentsToday"), floor.agents().stream().map(a -> Arrays.<Object>asList(a.name(), a.state().name(),
                        a.since() == null ? null : a.since().toString(), a.project(), a.callsToday(), a.connectsToday(),
                        a.appointmentsToday())).toList());
    }
}
