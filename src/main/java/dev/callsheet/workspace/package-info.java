/**
 * Tenants and people: workspaces (a selling company; an agency's staff may belong to
 * several), users, their roles, teams, regions, sign-in and personal API tokens.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workspaces and people")
package dev.callsheet.workspace;
