package dev.callsheet.deals;

import java.util.List;
import java.util.UUID;

/**
 * A deal with everything its page shows: the pipeline (stage codes in order, and each stage's exit criteria with
 * whether this deal knows them), buying team, touches, notes, checklist, history, flags and chance to win.
 */
public record DealView(@com.fasterxml.jackson.annotation.JsonUnwrapped Deal deal, PipelineView pipeline, List<DealParts.Member> buyingTeam,
        List<DealParts.Touch> touches, List<DealParts.Note> notes, List<Question> buyerQuestions,
        List<DealParts.StageChange> history, List<Insights.Alert> alerts, List<Insights.Flag> flags,
        Insights.WinChance winChance, List<String> known) {

    /** The name of a stage of this deal's pipeline; the code itself for one it no longer has. */
    public String stageName(String code) {
        return code == null ? "" : pipeline.details().stream().filter(s -> s.code().equals(code)).map(StageView::name)
                .findFirst().orElse(code);
    }

    /**
     * The checklist: each criterion a rep ticks by hand (not a deal's field such as its amount), once, in the order
     * the stages first ask for it. Stages may share one ("need confirmed" ends both the meeting and discovery).
     */
    public List<CriterionView> checklist() {
        java.util.Map<String, CriterionView> once = new java.util.LinkedHashMap<>();
        for (StageView stage : pipeline.details()) {
            for (CriterionView c : stage.exitCriteria()) {
                if (!c.field()) {
                    once.putIfAbsent(c.code(), c);
                }
            }
        }
        return List.copyOf(once.values());
    }

    /** The pipeline as a deal's page needs it; {@code stages} are the codes, in order. */
    public record PipelineView(UUID id, String name, List<String> stages, List<StageView> details) {
    }

    public record StageView(String code, String name, List<CriterionView> exitCriteria) {
    }

    public record CriterionView(String code, String label, boolean field, boolean known) {
    }

    /** A buyer question (docs/domain.md §9) and the rep's answer. */
    public record Question(String code, String label, boolean done, String note) {
    }
}
