package dev.callsheet.deals;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Names of stages, data points and reasons: a workspace's own, or the translated built-in ones. */
@Component("dealLabels")
public class Labels {

    private final MessageSource messages;

    Labels(MessageSource messages) {
        this.messages = messages;
    }

    public String stage(Pipeline.Stage stage) {
        return stage.name() != null ? stage.name() : message("deals.stage." + stage.code(), stage.code());
    }

    public String stage(Pipeline pipeline, String code) {
        return code == null ? "" : pipeline.stage(code).filter(s -> s.code().equals(code)).map(this::stage)
                .orElse(code);
    }

    public String point(Pipeline.Criterion criterion) {
        return criterion.label() != null ? criterion.label() : point(criterion.code());
    }

    /** A data point's or buyer question's translated name, its code when it has none. */
    public String point(String code) {
        return message("deals.point." + code, code);
    }

    public String reason(String code) {
        return code == null ? "" : message("deals.dq." + code, code.replace('_', ' ').toLowerCase());
    }

    private String message(String key, String fallback) {
        return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
    }
}
