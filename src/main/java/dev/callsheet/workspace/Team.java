package dev.callsheet.workspace;

import java.util.UUID;

/** A team, the region it works if any, and how many active members it has. */
public record Team(UUID id, String name, UUID regionId, String regionName, int members) {
}
