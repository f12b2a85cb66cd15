/**
 * Projects (docs/domain.md §6-§8): direction and audience, the media plan with its call steps, dates,
 * review cadence, goals and KPI targets, the team, the queue's priority order, calling hours in
 * the lead's local time with public holidays, retry limits, the outcome tree with each outcome's
 * follow-up rule, and scripts with objection answers per language. The queue that works a
 * project's leads lives in {@code dialing}, which reads everything here through {@link
 * dev.callsheet.campaigns.Projects}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Projects, outcomes and scripts")
package dev.callsheet.campaigns;
