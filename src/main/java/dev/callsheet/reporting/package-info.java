/**
 * Reports (docs/domain.md §6, §8): KPIs per project, agent, team, source and period; the funnel from
 * lead to won; the outcome tree's breakdown; review reports on each project's cadence, stored and
 * e-mailed with their charts; the live floor view. Every figure comes from a recorded event:
 * this module keeps its own counts per project, local hour, agent and source, written by its
 * listeners in the transaction of the event itself, so a count is never lost nor made twice.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reports")
package dev.callsheet.reporting;
