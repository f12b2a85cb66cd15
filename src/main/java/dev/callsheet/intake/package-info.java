/**
 * How first contacts arrive and who gets them (docs/domain.md §3): the duty roster (who answers for each
 * region at any instant), web forms posted by a company's website, the routing of §3.3 (an existing client
 * with an open process goes to its owner; one without to the duty or regional manager, who opens one; a new
 * client gets a card and a process), tasks for the people a lead is routed to, and a record of every
 * assignment with the rule that made it. Always after the duplicate check.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intake and routing")
package dev.callsheet.intake;
