import { z } from 'zod';
import { TYPED_INSTANT, isIsoTime } from '../model/iso-time';

/**
 * The reviewer roster of a countersign.dev/v3 contract: who may sign, with which key, in which
 * role. It sits outside the contract digest (adding a reviewer must not void pending approvals)
 * and is bound instead by the owner-signed publication (contract-revision/v2), which carries it.
 */
export const ROSTER_ROLES = ['approver', 'exception-signer', 'contract-owner', 'vendor-release'] as const;
export type RosterRole = (typeof ROSTER_ROLES)[number];

const fingerprint = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex> (the key id `countersign keys list` shows)');

export const rosterEntrySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  email: z.string().max(320).default(''),
  fingerprint,
  /** SPKI PEM of the Ed25519 public key; it must hash to `fingerprint` (checked where keys are read). */
  publicKey: z.string().min(1).max(20_000),
  roles: z.array(z.enum(ROSTER_ROLES)).min(1, 'give at least one role').max(ROSTER_ROLES.length),
  /** From this moment the key is revoked; a revoked key's signatures never count, whatever time they claim. */
  revoked: z.string().refine((s) => isIsoTime(s, TYPED_INSTANT), 'must be an ISO-8601 time with a zone, on a real calendar day').optional(),
});
export type RosterEntry = Readonly<z.infer<typeof rosterEntrySchema>>;

export const rosterSchema = z.array(rosterEntrySchema).max(1000)
  .refine((entries) => new Set(entries.map((e) => e.fingerprint)).size === entries.length, 'a key is listed twice in the roster');
