import { compileContract, parseContract } from '../../engine';
import type { ResolvedContract } from '../../engine';
import { InputError } from '../../model/errors';
import { printable } from '../../model/printable-text';
import { attestationsFrom } from '../../signing';
import { decodeEnvelope } from '../../signing/dsse';
import { CONTRACT_REVISION_PREDICATE } from '../../signing/predicates';
import { parseStatement } from '../../signing/statement';
import type { ContractRevision, Workspace } from '../../store';
import { resolveTrustedKeys } from '../../verify';
import type { ChosenPublication } from '../../verify';
import { checkAttestations } from '../../verify/check-attestations';
import { choosePublication } from '../../verify/publication';
import { assertRosterKeys, countsAs } from '../../verify/roster-keys';
import { contractHeads } from '../contract-selection';
import { resolveRevision } from '../current-contract';
import { storedPublication } from '../publish-contract';
import { ownerTrust } from '../workspace-judgement';
import type { SigningRequest } from './format';

/** The request's contract, verified: resolved from its text, and the publication this workspace's keys vouch for. */
export interface VerifiedRequestContract {
  readonly contract: ResolvedContract;
  readonly text: string;
  readonly publication: ChosenPublication;
  /** The publication envelope chosen (what is recorded on the stored revision). */
  readonly envelope: unknown;
}

/**
 * The contract a request was made under, checked: its text resolves (here, with this
 * workspace's packs) to the digest it states, under the name it states, with a good roster;
 * and its publication is valid under THIS workspace's trust: signed by a key the workspace
 * holds (its own, or a key it trusts as contract owner) that the publication's roster lists as an
 * unrevoked contract-owner (choosePublication, as verify does, with these keys as the root).
 */
export function verifyRequestContract(ws: Workspace, request: SigningRequest, source: string, now: Date): VerifiedRequestContract {
  const c = request.contract;
  const where = `${source}: contract ${printable(c.name)} revision ${c.revision}`;
  const contract = parseContract(where, c.text);
  if (contract.digest !== c.digest) throw new InputError(where, `its text resolves to ${contract.digest}, not the ${c.digest} it states: the contract text was altered (or needs policy packs this build does not hold)`);
  if (contract.name !== c.name) throw new InputError(where, `its text names contract ${printable(contract.name)}, not ${printable(c.name)}`);
  compileContract(contract);
  assertRosterKeys(contract.roster, where, c.text);
  const roster = contract.roster ?? [];
  if (roster.length === 0) throw new InputError(where, 'has no reviewer roster: a request is accepted only under a published roster');
  // Fail closed: `publications` holds publications only; anything else there is refused, never skipped.
  c.publications.forEach((envelope, i) => {
    if (publicationType(envelope) !== CONTRACT_REVISION_PREDICATE) {
      throw new InputError(where, `publications.${i} is not a contract publication (${CONTRACT_REVISION_PREDICATE}): a request carries its pending statements under "pending"`);
    }
  });
  const root = resolveTrustedKeys(ownerTrust(ws));
  const loaded = attestationsFrom(c.publications, `${source}: publication`);
  const checked = checkAttestations(loaded, root, now);
  const chosen = choosePublication(checked.verified, { name: contract.name, vendor: contract.vendor, install: contract.install ?? '', digest: contract.digest, roster }, root, now);
  if (!chosen.publication && checked.verified.length > 0) {
    // Signed by a key this workspace holds, but not a publication of this contract text and roster (or expired).
    throw new InputError(where, `its publication does not hold here: ${[...chosen.failures, ...chosen.notes].map((r) => r.message).slice(0, 5).join('; ')}`);
  }
  if (!chosen.publication) {
    const signers = publicationSigners(c.publications, roster);
    const why = [...chosen.failures, ...chosen.notes, ...checked.notes].map((r) => r.message).slice(0, 5).join('; ');
    throw new InputError(where, `was published by ${signers || 'nobody'}, none of which this workspace trusts as contract owner ` +
      `(trust the contract owner's public key with the role contract owner first, or ask for a request under a publication you trust). ${why}`);
  }
  if (chosen.publication.revision !== c.revision) {
    throw new InputError(where, `its publication is of revision ${chosen.publication.revision}, not revision ${c.revision}`);
  }
  const sourceOf = chosen.publication.sources[0]!;
  const envelope = loaded.find((l) => l.source === sourceOf && 'envelope' in l);
  return { contract, text: c.text, publication: chosen.publication, envelope: envelope && 'envelope' in envelope ? envelope.envelope : c.publications[0] };
}

/** Who signed the publications, in words: the roster's name when it lists the key. */
function publicationSigners(publications: readonly unknown[], roster: readonly { fingerprint: string; name: string }[]): string {
  const ids = new Set<string>();
  for (const p of publications) {
    try {
      for (const s of decodeEnvelope(p).signatures) ids.add(s.keyid);
    } catch {
      // A malformed envelope names nobody.
    }
  }
  return [...ids].map((id) => {
    const entry = roster.find((e) => e.fingerprint === id);
    return entry ? `${printable(entry.name)} (${id})` : printable(id);
  }).join(', ');
}

/** What storing the request's contract does in this workspace. */
export type ContractPlan =
  | { readonly action: 'reuse'; readonly revision: ContractRevision; readonly recordPublication: boolean }
  | { readonly action: 'save' };

/**
 * Where the request's contract goes here: the latest revision of that name when it holds this
 * exact text (the publication recorded on it when it has none); else a new revision of that name.
 * Refused when the workspace holds a NEWER publication of that contract (a co-signature under
 * the older one would not count with the vendor), or another publication of the same revision.
 */
export function planContract(ws: Workspace, verified: VerifiedRequestContract, source: string): ContractPlan {
  const name = verified.contract.name;
  const requested = verified.publication.revision;
  for (const r of ws.contracts.listRevisions(name)) {
    const held = storedPublication(r);
    if (held === null) continue;
    if (held.revision > requested) {
      throw new InputError(source, `your workspace holds revision ${held.revision} of contract ${printable(name)}, published ${held.time}; the request was made under revision ${requested}: ask the requester to re-sign under revision ${held.revision}`);
    }
    if (held.revision === requested && r.digest !== verified.contract.digest) {
      throw new InputError(source, `your workspace holds another publication of contract ${printable(name)} revision ${requested} (digest ${r.digest}, not ${verified.contract.digest}): refusing to pick one`);
    }
  }
  const latest = ws.contracts.latestRevision(name);
  if (latest) requireHeldOwner(latest, verified, source);
  requireOwnSelector(ws, verified, source);
  if (latest && latest.digest === verified.contract.digest && latest.content === verified.text) {
    return { action: 'reuse', revision: latest, recordPublication: latest.publishedEnvelope === null };
  }
  return { action: 'save' };
}

/**
 * A contract this workspace already holds changes only by its own owners: when the latest
 * revision held has a roster, the request's publication must be signed by a key that roster
 * lists as an unrevoked contract-owner. Otherwise any trusted reviewer could publish "their"
 * revision of our contract (with themselves as owner and weaker policies) and have it stored.
 */
function requireHeldOwner(latest: ContractRevision, verified: VerifiedRequestContract, source: string): void {
  const held = resolveRevision(latest).contract.roster ?? [];
  if (held.length === 0) return;
  const owners = held.filter((e) => countsAs(e, 'contract-owner')).map((e) => e.fingerprint);
  if (verified.publication.signers.some((k) => owners.includes(k))) return;
  const names = verified.publication.signers.map((k) => printable((verified.contract.roster ?? []).find((e) => e.fingerprint === k)?.name ?? k)).join(', ');
  throw new InputError(source, `the request's contract ${printable(latest.contract)} revision ${verified.publication.revision} was published by ${names}, whom your revision ${latest.revision} of that contract does not list as contract owner: refusing to let it replace your contract`);
}

/**
 * The request's contract must not take over change sets another contract of this workspace
 * judges: a contract of another name selecting the same vendor and install (or none: the
 * default contract) is refused, since the most recently saved would win the selection; so is
 * one naming an install of a vendor another contract judges vendor-wide, since the install's
 * contract is chosen first.
 */
function requireOwnSelector(ws: Workspace, verified: VerifiedRequestContract, source: string): void {
  const vendor = verified.contract.vendor;
  const install = verified.contract.install ?? '';
  // A narrower selector takes over too: an install of a vendor-wide contract's vendor is chosen before it (selectContract).
  const clash = contractHeads(ws).find((h) => h.revision.contract !== verified.contract.name && h.vendor === vendor && (h.install === install || (vendor !== '' && h.install === '')));
  if (!clash) return;
  throw new InputError(source, `the request's contract ${printable(verified.contract.name)} is for vendor "${printable(vendor)}"${install ? ` install "${printable(install)}"` : ''}, which your contract ${printable(clash.revision.contract)} already judges: refusing to let another contract take its change sets over`);
}

/** The predicate type an envelope's statement names, or null when it is not a readable in-toto statement. */
function publicationType(envelope: unknown): string | null {
  try {
    const parsed = parseStatement(decodeEnvelope(envelope).payload);
    return 'problem' in parsed ? null : parsed.statement.predicateType;
  } catch {
    return null;
  }
}
