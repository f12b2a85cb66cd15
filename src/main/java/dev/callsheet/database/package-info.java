/**
 * Shared infrastructure: the embedded PostgreSQL server that Callsheet starts when no
 * external database is configured, and the locks that let one instance of several run a scheduled job.
 * Owns no business tables; each module owns its own.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.callsheet.database;
