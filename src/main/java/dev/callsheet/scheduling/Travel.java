package dev.callsheet.scheduling;

/**
 * A rep's travel between meetings at different places (issue 25); null values are no rule.
 *
 * @param minutes                 between two places in general, e.g. 60
 * @param samePostcodeAreaMinutes between two addresses of one postcode area (see
 *                                {@link dev.callsheet.scheduling.internal.Travel#area}); {@code minutes} when null
 * @param onSitePerDay            at most this many meetings at leads' places a day (the rep's local day)
 */
public record Travel(Integer minutes, Integer samePostcodeAreaMinutes, Integer onSitePerDay) {

    public static final Travel NONE = new Travel(null, null, null);
}
