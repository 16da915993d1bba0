import type { RosterEntry } from '../base/roster';
import { canonicalJson } from '../base/canonical-json';
import type { ContractPublicationPredicate } from '../signing/predicates';
import { CONTRACT_SUBJECT, hasSubject } from '../signing/statement';
import type { VerifiedAttestation } from './check-attestations';
import { describe } from './check-attestations';
import type { Reason } from './reasons';
import { countsAs, rosterKeyProblems } from './roster-keys';
import type { TrustedKey } from './trusted-keys';

/** The publication verify accepted for the contract: its revision, owner signers and window. */
export interface ChosenPublication {
  readonly revision: number;
  readonly time: string;
  readonly notAfter: string;
  /** Trusted keys its roster lists as unrevoked contract-owners that signed it. */
  readonly signers: readonly string[];
  /** sha256 of the payload. */
  readonly digest: string;
  readonly sources: readonly string[];
}

/** The contract the publication must be of: identity, digest and the file's roster. */
export interface PublishedIdentity {
  readonly name: string;
  readonly vendor: string;
  readonly install?: string | undefined;
  readonly digest: string;
  readonly roster: readonly RosterEntry[];
}

interface Candidate {
  readonly digest: string;
  readonly predicate: ContractPublicationPredicate;
  readonly signers: readonly string[];
  readonly sources: readonly string[];
}

/**
 * Picks the publication that says who may sign. A publication is authentic when a trusted key
 * (--trust) that ITS OWN roster lists as an unrevoked contract-owner signed it, its roster's
 * keys are good, and it names this contract (name, vendor, install). Of those the highest
 * revision wins; it must not be past its notAfter (an expired newer one is not replaced by an
 * older one still running), and the file must be exactly what it published: the same contract
 * digest and the same roster. So presenting an older publication (or contract file) beside a
 * newer one gets nowhere, and a roster edited after signing is refused.
 */
export function choosePublication(
  verified: readonly VerifiedAttestation[],
  contract: PublishedIdentity,
  trusted: ReadonlyMap<string, TrustedKey>,
  now: Date,
): { readonly publication: ChosenPublication | null; readonly failures: Reason[]; readonly notes: Reason[] } {
  const notes: Reason[] = [];
  const byDigest = new Map<string, { predicate: ContractPublicationPredicate; signers: Set<string>; sources: string[]; statementOk: boolean }>();
  for (const a of verified) {
    if (a.type !== 'publication') continue;
    const group = byDigest.get(a.digest) ?? { predicate: a.predicate, signers: new Set<string>(), sources: [], statementOk: hasSubject(a.statement, CONTRACT_SUBJECT, a.predicate.contractDigest) };
    for (const s of a.signers) group.signers.add(s);
    group.sources.push(a.source);
    byDigest.set(a.digest, group);
  }
  const candidates: Candidate[] = [];
  for (const [digest, g] of byDigest) {
    const p = g.predicate;
    const source = g.sources[0]!;
    const note = (code: Reason['code'], message: string): void => {
      notes.push({ code, message: `${source}: publication of ${p.name} revision ${p.revision} ${message}`, source });
    };
    if (p.name !== contract.name || p.vendor !== contract.vendor || p.install !== (contract.install ?? '')) {
      note('contract-mismatch', `is for contract ${p.name} (vendor '${p.vendor}', install '${p.install}'), not ${contract.name} (vendor '${contract.vendor}', install '${contract.install ?? ''}')`);
      continue;
    }
    if (!g.statementOk) {
      note('publication-invalid', `names contract digest ${p.contractDigest} but its subject is another contract`);
      continue;
    }
    const keyProblems = rosterKeyProblems(p.roster);
    if (keyProblems.length > 0) {
      note('publication-invalid', `carries a bad roster key: ${keyProblems[0]!.message}`);
      continue;
    }
    const owners = new Set(p.roster.filter((e) => countsAs(e, 'contract-owner')).map((e) => e.fingerprint));
    const signers = [...g.signers].filter((k) => owners.has(k)).sort();
    if (signers.length === 0) {
      note('publication-not-owner', `is signed by ${[...g.signers].map((k) => describe(k, trusted)).join(', ') || 'no unrevoked trusted key'}, which its roster does not list as an unrevoked contract-owner`);
      continue;
    }
    if (Date.parse(p.notAfter) < Date.parse(p.time)) {
      note('publication-invalid', `ends (notAfter ${p.notAfter}) before it was made (${p.time})`);
      continue;
    }
    candidates.push({ digest, predicate: p, signers, sources: g.sources });
  }
  // Expiry is judged on the newest authentic publication only: a newer one (say, a revocation)
  // that has run out must not hand authority back to an older one that has not.
  const newestAuthentic = candidates.length === 0 ? 0 : Math.max(...candidates.map((c) => c.predicate.revision));
  const expired = candidates.filter((c) => c.predicate.revision === newestAuthentic && now.getTime() > Date.parse(c.predicate.notAfter));
  for (const c of expired) {
    notes.push({ code: 'publication-expired', message: `${c.sources[0]!}: publication of ${c.predicate.name} revision ${c.predicate.revision} expired at ${c.predicate.notAfter} (notAfter); the contract owner must publish a new revision`, source: c.sources[0]! });
  }
  if (expired.length > 0) {
    return {
      publication: null,
      notes,
      failures: [{ code: 'no-valid-publication', message: `the newest publication of contract ${contract.name} (revision ${newestAuthentic}) has expired, and an older one does not stand in for it; the contract owner must publish a new revision` }],
    };
  }
  if (candidates.length === 0) {
    return {
      publication: null,
      notes,
      failures: [{ code: 'no-valid-publication', message: `contract ${contract.name} has a reviewer roster, so it needs a valid publication (contract-revision/v2, from 'countersign contract publish') signed by a key given with --trust that its roster lists as an unrevoked contract-owner; ${byDigest.size === 0 ? 'none was given' : `none of the ${byDigest.size} given counts (see the notes)`}` }],
    };
  }
  const newest = Math.max(...candidates.map((c) => c.predicate.revision));
  const top = candidates.filter((c) => c.predicate.revision === newest);
  if (top.length > 1) {
    return { publication: null, notes, failures: [{ code: 'publication-conflict', message: `${top.length} different valid publications claim revision ${newest} of ${contract.name} (${top.map((c) => c.sources[0]).join(', ')}); refusing to pick one` }] };
  }
  const chosen = top[0]!;
  const where = `${chosen.sources[0]!}: the newest valid publication (${contract.name} revision ${newest})`;
  if (chosen.predicate.contractDigest !== contract.digest) {
    return { publication: null, notes, failures: [{ code: 'publication-mismatch', message: `${where} is of contract ${chosen.predicate.contractDigest}, not the contract file given (${contract.digest}); use the contract file of that revision`, source: chosen.sources[0]! }] };
  }
  if (canonicalJson(chosen.predicate.roster) !== canonicalJson(contract.roster)) {
    return { publication: null, notes, failures: [{ code: 'roster-mismatch', message: `${where} signs a different roster than the contract file's: the roster was changed after publishing, or the file is of another revision`, source: chosen.sources[0]! }] };
  }
  return {
    publication: { revision: newest, time: chosen.predicate.time, notAfter: chosen.predicate.notAfter, signers: chosen.signers, digest: chosen.digest, sources: chosen.sources },
    failures: [],
    notes,
  };
}
