package dev.callsheet.scheduling;

import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Role;

/**
 * Who may see and change a meeting of their workspace (enforced by {@link Appointments} for the API and the pages
 * alike):
 *
 * <ul>
 * <li>a <b>rep</b> sees and changes (reschedules, cancels, marks held or no-show) the meetings in their own
 * calendar;</li>
 * <li>an <b>agent</b> sees and changes (reschedules, cancels) the meetings they booked, and may book for any rep;
 * whether a meeting was held is the rep's word, not theirs;</li>
 * <li>a <b>supervisor</b> or an <b>admin</b> sees and changes every meeting of the workspace;</li>
 * <li>a person with several roles has the rights of each.</li>
 * </ul>
 *
 * A meeting someone may not see answers exactly as one that does not exist (404), so that neither its existence
 * nor its id leaks; a meeting they may see but not change in that way (an agent saying it was held) is a 403.
 * Meetings of another workspace are never found at all.
 */
public final class MeetingAccess {

    private MeetingAccess() {
    }

    /** Whether the user sees every meeting of the workspace. */
    public static boolean seesAll(CurrentUser user) {
        return user.hasRole(Role.SUPERVISOR) || user.hasRole(Role.ADMIN);
    }

    /** Whether the user may see, reschedule and cancel this meeting. */
    public static boolean maySee(CurrentUser user, Appointment meeting) {
        return seesAll(user) || meeting.rep().id().equals(user.userId())
                || meeting.bookedBy().id().equals(user.userId());
    }

    /** Whether the user may say the meeting was held or a no-show: its rep, a supervisor or an admin. */
    public static boolean mayRecordAttendance(CurrentUser user, Appointment meeting) {
        return seesAll(user) || meeting.rep().id().equals(user.userId());
    }
}
