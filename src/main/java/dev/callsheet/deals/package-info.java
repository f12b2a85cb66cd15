/**
 * Sales processes (docs/domain.md §2, §3.2, §9). A booked meeting opens a deal owned by the rep and credited to
 * the agent, with the call's qualification answers; the pipeline, stages and disqualification insight grow
 * here. Until they do, the deal row is the stored hand-off, so no booked lead is lost between modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Deals")
package dev.callsheet.deals;
