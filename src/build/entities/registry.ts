/** @module The curated registry (`seeds/entities.json`): which merge keys belong to which curated entity. */
import { entityTypes } from "../../format/schema";
import { mergeKey } from "./keys";
import { isNationalBody, nationalKeyOfName } from "./resolve";
import type { RegistryEntry } from "./types";

/** The fields of a record that the merger sets itself; everything else an entry has is carried over. */
const OWN_FIELDS = new Set([
  "id",
  "name",
  "type",
  "aliases",
  "mergeKeys",
  "roles",
  "mentions",
  "documents",
  "related",
  "first_seen",
  "last_seen",
]);

/**
 * Throws a readable error for an entry without an id, a name or a known type.
 * @example
 * checkEntry({ id: "x", name: "X", type: "country" }, 3); // throws: registry entry 3 ("x"): type must be one of person, organization, place
 */
export function checkEntry(entry: RegistryEntry, position: number): void {
  const label = `registry entry ${position}${typeof entry?.id === "string" ? ` ("${entry.id}")` : ""}`;
  if (typeof entry?.id !== "string" || entry.id === "") throw new Error(`${label}: needs a non-empty string id`);
  if (typeof entry.name !== "string" || entry.name.trim() === "") throw new Error(`${label}: needs a non-empty string name`);
  if (!(entityTypes as readonly string[]).includes(entry.type)) {
    throw new Error(`${label}: type must be one of ${entityTypes.join(", ")}`);
  }
  if (entry.aliases !== undefined && !(Array.isArray(entry.aliases) && entry.aliases.every((a) => typeof a === "string"))) {
    throw new Error(`${label}: aliases must be an array of strings`);
  }
}

/**
 * Maps the merge key of every name and alias of the registry to its entry (the first entry wins a clash).
 * Throws on a malformed entry (see `checkEntry`).
 * @example
 * indexRegistry([{ id: "un", name: "United Nations", type: "organization", aliases: ["UN"] }]).get("united nations")?.id; // "un"
 */
export function indexRegistry(entries: readonly RegistryEntry[]): Map<string, RegistryEntry> {
  const byKey = new Map<string, RegistryEntry>();
  entries.forEach(checkEntry);
  for (const entry of entries) {
    // A country's national body ("Finance Ministry (Japan)") is found under its country's key, "japan finance
    // ministry", and not under the bare name every country's shares when only an update's lookup gave it ("Finance
    // Ministry" in `mergeKeys`: the resolver decides whose); an alias a curator wrote is kept.
    const national = entry.type === "organization" ? nationalKeyOfName(entry.name, mergeKey) : undefined;
    const keys = [
      ...[entry.name, ...(entry.aliases ?? [])].map(mergeKey),
      ...(national ? [national] : []),
      ...(entry.mergeKeys ?? []).filter((key) => !national || !isNationalBody(key)),
    ];
    for (const key of keys) {
      if (key && !byKey.has(key)) byKey.set(key, entry);
    }
  }
  return byKey;
}

/**
 * The fields of an entry that are not the merger's own (description, url, anything else), to attach to its record.
 * @example
 * extraFields({ id: "x", name: "X", type: "place", url: "https://x.org" }); // { url: "https://x.org" }
 */
export function extraFields(entry: RegistryEntry): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry).filter(([field]) => !OWN_FIELDS.has(field)));
}
