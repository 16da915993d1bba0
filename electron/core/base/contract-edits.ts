/**
 * The edits the contract editor makes to a contract's YAML (docs: plan section 2; applied by
 * engine/contract/edit). Each names exactly what it changes, so the edit can splice that node
 * alone and leave every other byte as the customer wrote it. Values are checked here for shape
 * and size only; their meaning is checked when the edited contract is loaded.
 */
import { z } from 'zod';

/** The fields of an own policy that setPolicyField may change (id, tags and tests have their own ops or none). */
export const POLICY_FIELDS = ['title', 'description', 'severity', 'enforcement', 'enabled', 'match', 'parameters', 'condition', 'message', 'path', 'remediation'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

export const OVERRIDE_FIELDS = ['enforcement', 'enabled', 'shadow'] as const;

/** Bounds on one edit's value: a contract is a small hand-written file. */
export const EDIT_VALUE_LIMITS = { maxString: 65_536, maxDepth: 12, maxNodes: 20_000 } as const;

/** True when `s` holds no lone UTF-16 surrogate (YAML cannot carry one faithfully). */
function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** A plain object (an object literal, or one made with a null prototype). */
function isPlainObject(x: object): boolean {
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * Why `v` cannot be written into a contract, or null. Only JSON-like data: strings, finite
 * numbers (not -0: the digest could not tell it from 0), booleans, null, arrays and plain
 * objects, bounded in depth, size and string length.
 */
export function editValueProblem(v: unknown): string | null {
  let nodes = 0;
  const walk = (x: unknown, depth: number): string | null => {
    if (++nodes > EDIT_VALUE_LIMITS.maxNodes) return `more than ${EDIT_VALUE_LIMITS.maxNodes} values`;
    if (depth > EDIT_VALUE_LIMITS.maxDepth) return `nested deeper than ${EDIT_VALUE_LIMITS.maxDepth} levels`;
    if (x === null || typeof x === 'boolean') return null;
    if (typeof x === 'number') return Number.isFinite(x) && !Object.is(x, -0) ? null : 'numbers must be finite (and not -0)';
    if (typeof x === 'string') {
      if (x.length > EDIT_VALUE_LIMITS.maxString) return `a string longer than ${EDIT_VALUE_LIMITS.maxString} characters`;
      return wellFormed(x) ? null : 'a string with a lone UTF-16 surrogate';
    }
    if (Array.isArray(x)) {
      for (const item of x) {
        const p = walk(item, depth + 1);
        if (p) return p;
      }
      return null;
    }
    if (typeof x === 'object' && isPlainObject(x)) {
      for (const [k, item] of Object.entries(x)) {
        if (k === '__proto__') return 'the key "__proto__"';
        const p = walk(k, depth + 1) ?? walk(item, depth + 1);
        if (p) return p;
      }
      return null;
    }
    return `a value of type ${typeof x} (only strings, numbers, booleans, null, lists and maps)`;
  };
  return walk(v, 0);
}

/** Any JSON-like value within EDIT_VALUE_LIMITS. */
export const editValueSchema = z.unknown().superRefine((v, ctx) => {
  const problem = editValueProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: `value not allowed: ${problem}` });
});

const mappingSchema = z.record(z.string(), z.unknown()).superRefine((v, ctx) => {
  const problem = editValueProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: `value not allowed: ${problem}` });
});

/** Names become mapping keys (overrides.<policy>, parameters.<policy>.<name>): `__proto__` is refused. */
const keyText = (max: number) => z.string().min(1).max(max).refine(wellFormed, 'must be well-formed text').refine((s) => s !== '__proto__', 'must not be "__proto__"');
const name = keyText(200);
const policyId = keyText(100);
/** A key id (sha256 of the SPKI DER), as the roster names reviewers. */
const fingerprint = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex>');

/** A roster entry as the editor writes it (engine/contract/roster.ts checks it fully on load). */
const rosterEntry = z.strictObject({
  name: name,
  email: z.string().max(320).refine(wellFormed).optional(),
  fingerprint,
  publicKey: z.string().min(1).max(20_000).refine(wellFormed),
  roles: z.array(z.enum(['approver', 'exception-signer', 'contract-owner', 'vendor-release'])).min(1).max(4),
  revoked: z.string().max(64).optional(),
});
const enforcement = z.enum(['advisory', 'approval', 'deny', 'mandatory']);
/** A built-in pack's name: a folder under policies/ (engine/contract/load-pack.ts isPackName). */
const packName = z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a pack name (lowercase letters, digits, -)');
const count = z.number().int().min(1).max(3650);
/**
 * A pack's standard version as the shelf picks it (`latest` or `v1.N`, countersign.dev/v5).
 * Only shape and size here: whether the pack declares that version is checked by the edit
 * against the pack (engine/contract/standard-version.ts), so the refusal names the pack's range.
 */
const standardVersion = z.string().min(1).max(32).refine(wellFormed, 'must be well-formed text');

export const contractEditSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('setParameter'), policy: policyId, name, value: editValueSchema }),
  z.strictObject({ op: z.literal('clearParameter'), policy: policyId, name }),
  z.strictObject({
    op: z.literal('setOverride'),
    policy: policyId,
    enforcement: enforcement.optional(),
    enabled: z.boolean().optional(),
    shadow: z.boolean().optional(),
    /** Fields whose override is removed (the pack's own value applies again). */
    clear: z.array(z.enum(OVERRIDE_FIELDS)).max(OVERRIDE_FIELDS.length).optional(),
  }),
  /** `value: null` removes an optional field (its default applies). Own policies only. */
  z.strictObject({ op: z.literal('setPolicyField'), policy: policyId, field: z.enum(POLICY_FIELDS), value: editValueSchema }),
  z.strictObject({ op: z.literal('addPolicy'), policy: mappingSchema.refine((p) => typeof p.id === 'string' && p.id !== '', 'a policy needs an id') }),
  z.strictObject({ op: z.literal('removePolicy'), policy: policyId }),
  /** Copies pack policy `from` into spec.policies as `id` and disables `from` with an override. */
  z.strictObject({ op: z.literal('forkPolicy'), from: policyId, id: policyId }),
  z.strictObject({ op: z.literal('addTest'), policy: policyId, test: mappingSchema.refine((t) => typeof t.name === 'string' && t.name !== '', 'a test needs a name') }),
  z.strictObject({ op: z.literal('removeTest'), policy: policyId, name }),
  /** `separationOfDuties` is countersign.dev/v4: setting it upgrades the contract. */
  z.strictObject({
    op: z.literal('setApprovals'), quorum: count.optional(), exceptionQuorum: count.optional(), maxExceptionDays: count.optional(),
    separationOfDuties: z.strictObject({ requesterMayWaiveAlone: z.boolean().optional(), approverMaySignReliedExceptions: z.boolean().optional() }).optional(),
  }),
  /** countersign.dev/v4 `spec.vendorSignature` (setting it upgrades the contract). */
  z.strictObject({ op: z.literal('setVendorSignature'), rule: z.enum(['optional', 'required']) }),
  /** `install: null` or `''` removes the install (the contract then covers every install of the vendor). */
  z.strictObject({ op: z.literal('setMetadata'), vendor: z.string().max(200).refine(wellFormed).optional(), install: z.string().max(200).refine(wellFormed).nullable().optional() }),
  /**
   * Issue 14 (pack shelf): extends a built-in pack, pinned at `version` (a v1 contract becomes v3: its names pinned).
   * `standard` (a pack with a standard-version option only): `latest` writes nothing (the default), `v1.N` writes
   * `standard: v1.N` and makes the contract countersign.dev/v5.
   */
  z.strictObject({ op: z.literal('addPack'), pack: packName, version: z.number().int().min(1).max(100_000), standard: standardVersion.optional() }),
  /** The standard version an extended pack follows: `latest` removes the entry's `standard`, `v1.N` writes it (v5). */
  z.strictObject({ op: z.literal('setPackStandard'), pack: packName, standard: standardVersion }),
  /** Pins an extended pack at another version (its digest pin, which names the old version's content, is dropped); overrides stay. */
  z.strictObject({ op: z.literal('setPackVersion'), pack: packName, version: z.number().int().min(1).max(100_000) }),
  /** Stops extending a pack; the overrides and parameters of its policies go with it. */
  z.strictObject({ op: z.literal('removePack'), pack: packName }),
  z.strictObject({ op: z.literal('upsertReviewer'), entry: rosterEntry }),
  z.strictObject({ op: z.literal('revokeReviewer'), fingerprint, at: z.string().min(1).max(64) }),
  z.strictObject({ op: z.literal('removeReviewer'), fingerprint }),
]);
export type ContractEdit = z.infer<typeof contractEditSchema>;

/** A batch of edits as the API takes it. */
export const contractEditsSchema = z.array(contractEditSchema).max(200);
