/**
 * The call queue (docs/domain.md §5, §7, §8): leads enter a project's queue in its priority order; an
 * agent asks for the next one and gets it alone, leased for a while; the outcome of the call
 * decides when (or whether) the lead is due again: retry delays, attempt limits, a cap per 24
 * hours, callbacks for one agent or anyone, the media plan's next call step. Leads are served
 * only inside the project's calling hours in their own local time, never on a public holiday of
 * their country, never when their number is on the do-not-call list or their card says
 * do-not-contact. All coordination is PostgreSQL's: {@code FOR UPDATE SKIP LOCKED} for the claim,
 * so any number of application instances share one queue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Call queue and do-not-call")
package dev.callsheet.dialing;
