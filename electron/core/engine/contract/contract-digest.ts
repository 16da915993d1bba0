import { createHash } from 'node:crypto';
import { canonicalJson } from '../../base/canonical-json';
import type { Policy } from '../../model/policy';
import type { ResolvedContract } from './resolved-contract';
import { SEPARATION_OF_DUTIES_V4_DEFAULT } from '../../base/separation-of-duties';

/** The part of a policy that decides verdicts; where it was read from is not content. */
export function policyContent(p: Policy): unknown {
  return {
    id: p.id, title: p.title, description: p.description, severity: p.severity, enforcement: p.enforcement,
    enabled: p.enabled,
    // Only a shadow policy carries the member, so v1/v2 contracts digest as before.
    ...(p.shadow === true ? { shadow: true } : {}),
    match: p.match, condition: p.condition, message: p.message,
    // Canonical JSON refuses undefined members; an absent path is written as no member at all.
    ...(p.path !== undefined ? { path: p.path } : {}),
    parameters: p.parameters, remediation: p.remediation, tags: p.tags, pack: p.pack,
    // Only a policy that names its controls carries the member: earlier packs and contracts digest as before.
    ...(p.controls !== undefined ? { controls: p.controls } : {}),
  };
}

/**
 * `sha256:<hex>` over the canonical JSON (sorted keys) of the resolved contract. Formatting,
 * key order and explicitly written defaults do not change it; neither do the file's location
 * (source, definedAt — a pack lives in a different folder on every machine), the policies'
 * own test cases, or the engine version.
 *
 * A countersign.dev/v1 contract digests exactly as 0.1.0 did (stored revisions and signed
 * approvals name those digests). Later apiVersions add their apiVersion and the pinned pack
 * versions, so no v2 contract shares a digest with a v1 one; v3 adds the install. The roster
 * is never part of the digest. v4 adds approvals.separationOfDuties and vendorSignature. v5 digests
 * as v4 does, its pins carrying the standard version of packs that have the option (`standard`,
 * resolved: `latest` and no option digest as the version they mean).
 */
export function contractDigest(c: Omit<ResolvedContract, 'digest'>): string {
  const v1 = {
    name: c.name,
    vendor: c.vendor,
    extends: c.extends,
    policies: c.policies,
    parameters: c.parameters,
    // Only the three v1 fields: separationOfDuties (filled for every version) is v4 content.
    approvals: { quorum: c.approvals.quorum, exceptionQuorum: c.approvals.exceptionQuorum, maxExceptionDays: c.approvals.maxExceptionDays },
  };
  if (c.apiVersion === undefined || c.apiVersion === 'countersign.dev/v1') return contentDigest(v1);
  if (c.apiVersion === 'countersign.dev/v2') return contentDigest({ ...v1, apiVersion: c.apiVersion, packs: c.packs ?? [] });
  // v3 adds the install; the roster is deliberately not content (see roster.ts).
  const v3 = { ...v1, apiVersion: c.apiVersion, packs: c.packs ?? [], install: c.install ?? '' };
  if (c.apiVersion === 'countersign.dev/v3') return contentDigest(v3);
  // v4 adds separation of duties and the vendor-signature rule (explicit defaults digest as absent ones).
  const sod = c.approvals.separationOfDuties ?? SEPARATION_OF_DUTIES_V4_DEFAULT;
  return contentDigest({
    ...v3,
    approvals: { ...v3.approvals, separationOfDuties: { requesterMayWaiveAlone: sod.requesterMayWaiveAlone, approverMaySignReliedExceptions: sod.approverMaySignReliedExceptions } },
    vendorSignature: c.vendorSignature ?? 'optional',
  });
}

// The canonical JSON of each policy's content, as UTF-8 bytes, per policy object: the contracts
// of a fleet share their packs' policy objects (withPackResolutionMemo), and writing a pack's
// CEL texts again for each of 500 contracts, then joining and encoding ~60 KB into one string
// to hash, was most of the cost of parsing them. Policies are readonly.
const policyBytes = new WeakMap<Policy, Buffer>();

function policyText(p: Policy): Buffer {
  let bytes = policyBytes.get(p);
  if (bytes === undefined) {
    bytes = Buffer.from(canonicalJson(policyContent(p)), 'utf8');
    policyBytes.set(p, bytes);
  }
  return bytes;
}

// The canonical JSON of a policy's parameter defaults, per `parameters` object (a pack's policy
// and the copies overrides make of it share it): most policies of most contracts keep them.
// null: defaults canonical JSON refuses (each contract then fails or not on its own values).
const defaultTexts = new WeakMap<Policy['parameters'], { readonly defaults: Readonly<Record<string, unknown>>; readonly text: string } | null>();

function defaultsOf(p: Policy): { readonly defaults: Readonly<Record<string, unknown>>; readonly text: string } | null {
  let found = defaultTexts.get(p.parameters);
  if (found === undefined) {
    const defaults = Object.fromEntries(Object.entries(p.parameters).map(([name, d]) => [name, d.default]));
    try {
      found = { defaults, text: canonicalJson(defaults) };
    } catch {
      found = null;
    }
    defaultTexts.set(p.parameters, found);
  }
  return found;
}

/** True when `values` has exactly the members of `defaults`, each the very same value. */
function sameMembers(values: Readonly<Record<string, unknown>>, defaults: Readonly<Record<string, unknown>>): boolean {
  if (Object.getPrototypeOf(values) !== Object.prototype || Object.getOwnPropertySymbols(values).length > 0) return false;
  const keys = Object.keys(values);
  if (keys.length !== Object.keys(defaults).length) return false;
  return keys.every((name) => Object.hasOwn(defaults, name) && values[name] === defaults[name]);
}

/**
 * canonicalJson of the contract's `parameters` (policy id → effective values), written member by
 * member: a policy whose values are its defaults, unchanged, reuses its defaults' text.
 */
function parametersText(parameters: Readonly<Record<string, Readonly<Record<string, unknown>>>>, policies: readonly Policy[]): string {
  // Anything canonicalJson would judge differently (another prototype, symbol keys) takes its path.
  if (Object.getPrototypeOf(parameters) !== Object.prototype || Object.getOwnPropertySymbols(parameters).length > 0) return canonicalJson(parameters);
  const byId = new Map(policies.map((p) => [p.id, p]));
  const members = Object.keys(parameters).sort(byCodeUnit).map((id) => {
    const values = parameters[id]!;
    const p = byId.get(id);
    const kept = p !== undefined ? defaultsOf(p) : null;
    return `${JSON.stringify(id)}:${kept !== null && sameMembers(values, kept.defaults) ? kept.text : canonicalJson(values)}`;
  });
  return `{${members.join(',')}}`;
}

const COMMA = Buffer.from(',', 'utf8');

// The bytes contentDigest hashes in one update, rewritten by each call (hashing is synchronous).
let joined = Buffer.alloc(0);

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * sha256Digest of the content with its `policies` written as policyContent each: the very same
 * bytes, fed to the hash in pieces. Canonical JSON of a plain object is `{`, its members'
 * `"key":value` pairs in code-unit order joined by `,`, and `}`; of an array `[`, its items
 * joined by `,`, and `]` (canonical-json-pieces.test.ts holds canonicalJson to that). So only
 * the members other than `policies` are written per contract; each policy's bytes are kept.
 * canonicalJson's text is well-formed UTF-16 (lone surrogates are escaped), so encoding the
 * pieces one by one gives the bytes of encoding the whole.
 */
function contentDigest(content: { readonly policies: readonly Policy[] } & Readonly<Record<string, unknown>>): string {
  const hash = createHash('sha256');
  let pending = '{';
  Object.keys(content).sort(byCodeUnit).forEach((k, i) => {
    pending += `${i > 0 ? ',' : ''}${JSON.stringify(k)}:`;
    if (k === 'parameters') {
      pending += parametersText(content.parameters as Readonly<Record<string, Readonly<Record<string, unknown>>>>, content.policies);
      return;
    }
    if (k !== 'policies') {
      pending += canonicalJson(content[k]);
      return;
    }
    // One update of the joined bytes: ~70 updates of ~1 KB cost half as much again. Joined in
    // one reused buffer, not a new ~60 KB one per contract: 500 of those in a fleet were
    // garbage enough to set off collections of the whole heap (issue 13).
    const head = Buffer.from(`${pending}[`, 'utf8');
    const texts = content.policies.map(policyText);
    const size = texts.reduce((n, t) => n + t.length, head.length + Math.max(0, texts.length - 1) * COMMA.length);
    if (joined.length < size) joined = Buffer.allocUnsafe(Math.max(size, joined.length * 2));
    let at = head.copy(joined, 0);
    texts.forEach((t, j) => {
      if (j > 0) at += COMMA.copy(joined, at);
      at += t.copy(joined, at);
    });
    hash.update(joined.subarray(0, at));
    pending = ']';
  });
  hash.update(`${pending}}`);
  return `sha256:${hash.digest('hex')}`;
}
