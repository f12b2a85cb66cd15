/**
 * Meetings for sales reps (docs/domain.md §1–§3): each rep's working hours in their own time zone, date
 * exceptions, territories and meeting types with buffers; free slots in the lead's and the agent's
 * local time; which rep gets a booking (the lead's owner, the territory, else weighted round robin);
 * the booking itself, which the database makes impossible to double-book (an exclusion constraint
 * over the rep and the meeting's time with its buffers); iCalendar invites by e-mail, reminders,
 * and the hand-off of the booked lead to a deal ({@link dev.callsheet.scheduling.AppointmentBooked}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reps' calendars and appointments")
package dev.callsheet.scheduling;
