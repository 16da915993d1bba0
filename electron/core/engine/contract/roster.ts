// The roster schema lives in base/ so the signing layer (the publication predicate carries the
// roster) and the engine read entries with one schema; re-exported here for the contract code.
export { ROSTER_ROLES, rosterEntrySchema, rosterSchema } from '../../base/roster';
export type { RosterEntry, RosterRole } from '../../base/roster';
