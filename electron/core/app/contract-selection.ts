import { parseDocument } from 'yaml';
import { InputError } from '../model/errors';
import { printable } from '../model/printable-text';
import type { ContractRevision, Workspace } from '../store';

/** What selects a contract: a change set's metadata.vendor and metadata.install. */
export interface ChangeSetSelector {
  readonly vendor: string;
  readonly install: string;
}

/** A contract's latest revision with the vendor and install its metadata names. */
export interface ContractHead {
  readonly revision: ContractRevision;
  readonly vendor: string;
  readonly install: string;
}

/** Metadata by revision digest and name (immutable rows: reading each once is enough). */
const metadataCache = new Map<string, ChangeSetSelector>();

/** Every contract's latest revision, most recently saved first. */
export function contractHeads(ws: Workspace): readonly ContractHead[] {
  return ws.contracts.listContracts()
    .map((c) => ws.contracts.latestRevision(c.contract)!)
    .sort((a, b) => b.id - a.id)
    .map((revision) => ({ revision, ...selectorOf(revision) }));
}

/**
 * metadata.vendor and metadata.install of a stored revision. Only the two strings are read
 * (every stored revision was validated whole when saved); resolving is left to the one chosen,
 * so a contract of another vendor that no longer resolves cannot stop this vendor's review.
 */
export function selectorOf(revision: Pick<ContractRevision, 'contract' | 'digest' | 'content'>): ChangeSetSelector {
  const key = `${revision.contract}\u0000${revision.digest}`;
  const hit = metadataCache.get(key);
  if (hit) return hit;
  // Read as the contract parser reads it (aliases expanded), so both see the same strings.
  const data = parseDocument(revision.content, { uniqueKeys: true }).toJS({ maxAliasCount: 50 }) as { metadata?: Record<string, unknown> } | null;
  const field = (name: string): string => {
    const v = data?.metadata?.[name];
    return typeof v === 'string' ? v : '';
  };
  const selector = { vendor: field('vendor'), install: field('install') };
  if (metadataCache.size > 256) metadataCache.clear();
  metadataCache.set(key, selector);
  return selector;
}

/**
 * The contract a change set's vendor and install select, most specific first: vendor and
 * install equal; else the vendor's contract that names no install; else the default (no
 * vendor). Equal means byte-equal. When two contracts claim the same selector (the editor
 * refuses that; an older workspace may hold it), the most recently saved wins, as the single
 * current contract did before.
 *
 * A vendor or install that is not equal to a contract's, but reads the same once case, Unicode
 * width, spaces and invisible characters are set aside ("Acme " for "Acme", a Cyrillic-width
 * variant, a zero-width space), is refused: the vendor writes that metadata, and letting it
 * fall through to the default contract would let a look-alike escape its own contract.
 */
export function selectContract(heads: readonly ContractHead[], cs: ChangeSetSelector): ContractHead | null {
  const ofVendor = heads.filter((h) => h.vendor === cs.vendor);
  if (cs.vendor !== '') {
    const exact = ofVendor.find((h) => h.install !== '' && h.install === cs.install);
    if (exact) return exact;
    const alike = ofVendor.find((h) => h.install !== '' && looksAlike(h.install, cs.install));
    if (alike) throw lookAlike('install', cs.install, alike);
    const vendorWide = ofVendor.find((h) => h.install === '');
    if (vendorWide) return vendorWide;
    const alikeVendor = heads.find((h) => h.vendor !== '' && looksAlike(h.vendor, cs.vendor));
    if (alikeVendor) throw lookAlike('vendor', cs.vendor, alikeVendor);
  } else {
    const alikeVendor = heads.find((h) => h.vendor !== '' && looksAlike(h.vendor, cs.vendor));
    if (alikeVendor) throw lookAlike('vendor', cs.vendor, alikeVendor);
  }
  return heads.find((h) => h.vendor === '') ?? null;
}

/** The comparison form of a selector: NFKC, case-folded, without spaces, controls and invisible format characters. */
export function selectorKey(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{Cc}\p{Cf}\p{Z}]/gu, '').toLowerCase();
}

function looksAlike(contractValue: string, changeSetValue: string): boolean {
  return contractValue !== changeSetValue && selectorKey(contractValue) === selectorKey(changeSetValue);
}

function lookAlike(what: 'vendor' | 'install', value: string, head: ContractHead): InputError {
  const theirs = what === 'vendor' ? head.vendor : head.install;
  const q = (t: string) => `"${printable(t)}"`;
  return new InputError(`change set ${what} ${q(value)}`,
    `is not contract ${q(head.revision.contract)}'s ${what} ${q(theirs)}, but reads the same ` +
    `(case, width, spaces or invisible characters differ): refusing to judge it by another contract. ` +
    `The vendor must send metadata.${what} exactly as the contract names it`);
}
