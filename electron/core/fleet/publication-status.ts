import { canonicalJson } from '../base/canonical-json';
import type { ResolvedContract } from '../engine';
import type { LoadedAttestation } from '../signing/attestation-files';
import { decodeEnvelope } from '../signing/dsse';
import { CONTRACT_REVISION_PREDICATE } from '../signing/predicates';
import { checkAttestations } from '../verify/check-attestations';
import { choosePublication } from '../verify/publication';
import { rosterKeyProblems } from '../verify/roster-keys';
import { resolveTrustedKeys } from '../verify/trusted-keys';
import type { TrustedKey } from '../verify/trusted-keys';
import type { FleetContractStatus } from './fleet-matrix';

export interface PublicationStatus {
  readonly status: FleetContractStatus;
  /** Why it is not `signed` ('' when signed); the first reason, one line, raw (renderers escape). */
  readonly detail: string;
}

/** The contract a publication claims to be of (read before any signature check: routing only). */
function claimedIdentity(a: LoadedAttestation): string | null {
  if ('error' in a) return null;
  try {
    const statement = JSON.parse(decodeEnvelope(a.envelope).payload.toString('utf8')) as { predicateType?: unknown; predicate?: Record<string, unknown> };
    if (statement.predicateType !== CONTRACT_REVISION_PREDICATE) return null;
    const p = statement.predicate ?? {};
    return identityKey(p.name, p.vendor, p.install);
  } catch {
    return null;
  }
}

function identityKey(name: unknown, vendor: unknown, install: unknown): string | null {
  if (typeof name !== 'string' || typeof vendor !== 'string' || typeof install !== 'string') return null;
  return canonicalJson([name, vendor, install]);
}

// A folder's publications are shared by all its contracts: each is decoded once, not once per contract.
const routed = new WeakMap<readonly LoadedAttestation[], ReadonlyMap<string, readonly LoadedAttestation[]>>();

function byIdentity(all: readonly LoadedAttestation[]): ReadonlyMap<string, readonly LoadedAttestation[]> {
  let map = routed.get(all);
  if (!map) {
    const m = new Map<string, LoadedAttestation[]>();
    for (const a of all) {
      const key = claimedIdentity(a);
      if (key === null) continue;
      const list = m.get(key);
      if (list) list.push(a);
      else m.set(key, [a]);
    }
    routed.set(all, (map = m));
  }
  return map;
}

/**
 * Whether a contract is published, as `countersign verify` would judge its publication
 * (choosePublication): `signed` when a valid, unexpired publication of exactly this contract
 * text and roster is signed by an unrevoked contract-owner key. The keys that count are the
 * `trusted` ones when given (the owners' keys the vendor holds), else the contract's own roster:
 * that proves the file is as its roster's owners published it, not who those owners are.
 *
 * - `unsigned`: no roster (a v1/v2 contract cannot be published), or no publication names it;
 * - `stale`: the newest authentic publication's notAfter has passed at `now`;
 * - `bad-signature`: a publication names it but none holds (signature, signer, digest, roster).
 */
export function publicationStatus(
  contract: ResolvedContract,
  publications: readonly LoadedAttestation[] | undefined,
  trusted: ReadonlyMap<string, TrustedKey> | null,
  now: Date,
): PublicationStatus {
  const roster = contract.roster ?? [];
  if (roster.length === 0) return { status: 'unsigned', detail: 'no reviewer roster (countersign.dev/v3), so it has no publication' };
  const key = identityKey(contract.name, contract.vendor, contract.install ?? '');
  const mine = key === null || !publications ? [] : (byIdentity(publications).get(key) ?? []);
  if (mine.length === 0) return { status: 'unsigned', detail: 'no publication of this contract beside it (<name>-r<N>.publication.json from contract publish)' };
  const [problem] = rosterKeyProblems(roster);
  if (problem) return { status: 'bad-signature', detail: `its roster holds a bad key: ${problem.message}` };
  const root = trusted ?? resolveTrustedKeys(roster.map((e) => ({ pem: e.publicKey, name: e.name, source: 'roster' })));
  const checked = checkAttestations(mine, root, now);
  const chosen = choosePublication(checked.verified, { name: contract.name, vendor: contract.vendor, install: contract.install ?? '', digest: contract.digest, roster }, root, now);
  if (chosen.publication) return { status: 'signed', detail: '' };
  const reasons = [...checked.notes, ...chosen.notes, ...chosen.failures];
  const expired = reasons.find((r) => r.code === 'publication-expired');
  if (expired) return { status: 'stale', detail: expired.message };
  const first = reasons.find((r) => r.code !== 'no-valid-publication') ?? reasons[0];
  return { status: 'bad-signature', detail: first?.message ?? 'no publication of it holds' };
}
