// Issue 12 (day-2 gaps): the drift acknowledgements of an audit evidence bundle
// (`drift/<install>/drift-acknowledgement-<12 hex>.dsse.json`) are checked by `verify --evidence`
// with the signature checks of `verify --drift`, not only against SHA256SUMS: whoever edits a
// bundle can rewrite its checksums, never a reviewer's signature.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RosterEntry } from '../base/roster';
import { readAttestations } from '../signing/attestation-files';
import type { LoadedAttestation } from '../signing/attestation-files';
import type { Reason } from './reasons';
import type { RosterRule } from './roster-judgement';
import type { TrustedKeyInput } from './trusted-keys';
import { verifyDriftAcknowledgements } from './verify-drift-acknowledgements';
import type { VerifiedDriftAcknowledgement } from './verify-drift-acknowledgements';

/** The bundle's folder of drift acknowledgements (one folder per install, its name escaped). */
export const EVIDENCE_DRIFT_FOLDER = 'drift';
const ACK_FILE = /^drift-acknowledgement-[0-9a-f]{12}\.dsse\.json$/;

export interface EvidenceDriftCheck {
  /** True when every file under drift/ is a drift acknowledgement that verifies (also when there are none). */
  readonly ok: boolean;
  readonly files: number;
  readonly acknowledgements: readonly VerifiedDriftAcknowledgement[];
  /** Why a file does not count: forged, signed by a key neither trusted nor an approver of the roster, misfiled, not an acknowledgement. */
  readonly problems: readonly Reason[];
}

export interface EvidenceDriftInput {
  readonly dir: string;
  /** The keys the auditor trusts (`--trust`). */
  readonly trustedKeys: readonly TrustedKeyInput[];
  /**
   * The bundle's contract roster and the rule verify applied to it: its approvers' keys count
   * only when an owner-signed publication vouched for the roster (`rule.approvers` is empty
   * otherwise), as for an approval. No roster: the trusted keys only, as `verify --drift`.
   */
  readonly roster: { readonly entries: readonly RosterEntry[]; readonly rule: RosterRule | null; readonly source: string } | null;
  /** The folder name an install's acknowledgements belong in (the outbox's escaping). */
  readonly folderOf: (install: string) => string;
  readonly now: Date;
}

/** Checks every file under the bundle's drift/ folder; the checksums were checked before. */
export function checkEvidenceDrift(input: EvidenceDriftInput): EvidenceDriftCheck {
  const root = join(input.dir, EVIDENCE_DRIFT_FOLDER);
  const problems: Reason[] = [];
  const attestations: LoadedAttestation[] = [];
  const folderOfSource = new Map<string, string>();
  let files = 0;
  for (const folder of entries(root)) {
    const path = join(root, folder);
    if (!lstatSync(path).isDirectory()) {
      problems.push(misfiled(`${EVIDENCE_DRIFT_FOLDER}/${folder}`, 'is not an install folder'));
      continue;
    }
    for (const name of entries(path)) {
      files++;
      const file = join(path, name);
      if (!ACK_FILE.test(name) || !lstatSync(file).isFile()) {
        problems.push(misfiled(`${EVIDENCE_DRIFT_FOLDER}/${folder}/${name}`, 'is not a drift acknowledgement file'));
        continue;
      }
      for (const a of readAttestations(file)) {
        attestations.push(a);
        folderOfSource.set(a.source, folder);
      }
    }
  }
  if (attestations.length === 0) return { ok: problems.length === 0, files, acknowledgements: [], problems };
  const checked = verifyDriftAcknowledgements(attestations, [...input.trustedKeys, ...rosterApprovers(input.roster)], input.now);
  problems.push(...checked.problems);
  const acknowledgements: VerifiedDriftAcknowledgement[] = [];
  for (const a of checked.acknowledgements) {
    const folder = folderOfSource.get(a.source);
    if (folder !== input.folderOf(a.predicate.install)) {
      problems.push(misfiled(a.source, `is an acknowledgement of install ${JSON.stringify(a.predicate.install)}, filed under another install's folder`));
      continue;
    }
    acknowledgements.push(a);
  }
  const accounted = new Set(acknowledgements.map((a) => a.source));
  const ok = problems.length === 0 && attestations.every((a) => accounted.has(a.source));
  return { ok, files, acknowledgements, problems };
}

/** The roster's approvers as trusted keys, only those the verified publication let count. */
function rosterApprovers(roster: EvidenceDriftInput['roster']): TrustedKeyInput[] {
  if (roster === null || roster.rule === null) return [];
  const approvers = new Set(roster.rule.approvers);
  return roster.entries.filter((e) => approvers.has(e.fingerprint)).map((e) => ({ pem: e.publicKey, name: e.name, source: `${roster.source}: roster entry ${e.name || e.fingerprint}` }));
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function misfiled(source: string, what: string): Reason {
  return { code: 'evidence-misfiled', message: `${source}: ${what}`, source };
}
