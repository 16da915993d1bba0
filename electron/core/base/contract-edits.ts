/**
 * The edits the contract editor makes to a contract's YAML (docs: plan section 2). Each names
 * exactly what it changes, so the edit can splice that node alone and leave every other byte
 * as the customer wrote it. Values are bounded here; their meaning is checked when the edited
 * contract is loaded.
 */
import { z } from 'zod';

const policyId = z.string().min(1).max(100);
const name = z.string().min(1).max(200);
const enforcement = z.enum(['advisory', 'approval', 'deny', 'mandatory']);
/** Any YAML-able value, bounded by the size of its JSON. */
const value = z.unknown().refine((v) => v === undefined || JSON.stringify(v).length <= 1_000_000, 'value too large');

export const POLICY_FIELDS = ['title', 'description', 'severity', 'enforcement', 'enabled', 'match', 'parameters', 'condition', 'message', 'path', 'remediation'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

const rosterEntry = z.strictObject({
  name: z.string().min(1).max(200),
  email: z.string().max(320).optional(),
  fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  publicKey: z.string().min(1).max(20_000),
  roles: z.array(z.enum(['approver', 'exception-signer', 'contract-owner', 'vendor-release'])).min(1).max(4),
  revoked: z.string().max(64).optional(),
});

export const contractEditSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('setParameter'), policy: policyId, name, value }),
  z.strictObject({ op: z.literal('clearParameter'), policy: policyId, name }),
  z.strictObject({
    op: z.literal('setOverride'), policy: policyId,
    enforcement: enforcement.optional(), enabled: z.boolean().optional(), shadow: z.boolean().optional(),
    clear: z.array(z.enum(['enforcement', 'enabled', 'shadow'])).max(3).optional(),
  }),
  z.strictObject({ op: z.literal('setPolicyField'), policy: policyId, field: z.enum(POLICY_FIELDS), value }),
  z.strictObject({ op: z.literal('addPolicy'), policy: z.record(z.string(), value) }),
  z.strictObject({ op: z.literal('removePolicy'), policy: policyId }),
  z.strictObject({ op: z.literal('forkPolicy'), from: policyId, id: policyId }),
  z.strictObject({ op: z.literal('addTest'), policy: policyId, test: z.record(z.string(), value) }),
  z.strictObject({ op: z.literal('removeTest'), policy: policyId, name }),
  z.strictObject({
    op: z.literal('setApprovals'),
    quorum: z.number().int().min(1).max(1000).optional(),
    exceptionQuorum: z.number().int().min(1).max(1000).optional(),
    maxExceptionDays: z.number().int().min(1).max(3650).optional(),
  }),
  z.strictObject({ op: z.literal('setMetadata'), vendor: z.string().max(200).optional(), install: z.string().max(200).optional() }),
  z.strictObject({ op: z.literal('upsertReviewer'), entry: rosterEntry }),
  z.strictObject({ op: z.literal('revokeReviewer'), fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/), at: z.string().max(64) }),
  z.strictObject({ op: z.literal('removeReviewer'), fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/) }),
]);
export type ContractEdit = z.infer<typeof contractEditSchema>;
