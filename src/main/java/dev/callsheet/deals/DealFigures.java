package dev.callsheet.deals;

import dev.callsheet.deals.internal.InsightsRepository;
import dev.callsheet.workspace.CurrentUser;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A pipeline's deals counted by where they came from, who set the meeting and who closed it:
 * the funnel of a deal history (one brought over from another CRM included) and its per-setter
 * and per-closer tables.
 */
@Service
@Transactional(readOnly = true)
public class DealFigures {

    /** One group: its deals, those won and lost (or disqualified), the win rate of the closed, what the wins brought. */
    public record Row(String key, long deals, long won, long lost, BigDecimal revenue) {

        /** Won of those closed; null when none closed. */
        public Double winRate() {
            return won + lost == 0 ? null : Math.round(10_000.0 * won / (won + lost)) / 10_000.0;
        }

        /** Won of all deals, open ones included: the lead-to-won conversion of a funnel. */
        public Double conversion() {
            return deals == 0 ? null : Math.round(10_000.0 * won / deals) / 10_000.0;
        }
    }

    public record Figures(Pipeline pipeline, Row total, List<Row> bySource, List<Row> bySetter, List<Row> byCloser) {
    }

    private final InsightsRepository repository;
    private final Pipelines pipelines;

    DealFigures(InsightsRepository repository, Pipelines pipelines) {
        this.repository = repository;
        this.pipelines = pipelines;
    }

    /** The figures of a pipeline (the default one when {@code pipelineId} is null). */
    public Figures figures(CurrentUser user, UUID pipelineId) {
        Pipeline pipeline = pipelineId == null ? pipelines.defaultPipeline(user.workspaceId())
                : pipelines.pipeline(user.workspaceId(), pipelineId);
        List<Row> bySource = repository.figures(user.workspaceId(), pipeline.id(), "source");
        Row total = new Row("", bySource.stream().mapToLong(Row::deals).sum(), bySource.stream().mapToLong(Row::won).sum(),
                bySource.stream().mapToLong(Row::lost).sum(),
                bySource.stream().map(Row::revenue).reduce(BigDecimal.ZERO, BigDecimal::add));
        return new Figures(pipeline, total, bySource, repository.figures(user.workspaceId(), pipeline.id(), "setter"),
                repository.figures(user.workspaceId(), pipeline.id(), "closer"));
    }
}
