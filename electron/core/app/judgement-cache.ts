import { createHash } from 'node:crypto';
import type { Workspace } from '../store';
import type { ReleaseVerification } from '../verify';
import { judgeAttestations, storedAttestations, withVendorSignature, workspaceTrust } from './workspace-judgement';
import type { JudgementInput } from './workspace-judgement';

interface Entry {
  readonly verification: ReleaseVerification;
  readonly judgedAt: number;
  /** The first instant the judgement may differ: the next expiry of an exception held (or judgedAt: never reused). */
  readonly validUntil: number;
}

/**
 * Judgements of stored change sets, reused while nothing they depend on changed: the change
 * set, the contract and evaluation digests, the contract's roster, every signature held (as stored), the trusted keys
 * with their revocations, and the clock only up to the next exception expiry. Verifying every
 * signature again for each screen that reads the same state is what this saves.
 */
export class JudgementCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly size = 8) {}

  judge(ws: Workspace, given: JudgementInput): ReleaseVerification {
    const input = withVendorSignature(ws, given);
    const held = heldState(ws, input);
    const hit = this.entries.get(held.key);
    const now = input.now.getTime();
    if (hit && hit.judgedAt <= now && now < hit.validUntil) return hit.verification;
    const verification = judgeAttestations(input, held.attestations, held.trust);
    this.keep(held, input.now, verification);
    return verification;
  }

  /** Keeps a judgement the caller made of what the workspace holds now (a decision it has just recorded). */
  remember(ws: Workspace, input: JudgementInput, verification: ReleaseVerification): void {
    this.keep(heldState(ws, withVendorSignature(ws, input)), input.now, verification);
  }

  private keep(held: HeldState, now: Date, verification: ReleaseVerification): void {
    const at = now.getTime();
    // A future-dated attestation may count later: such a judgement holds only for its instant.
    const futureDated = verification.notes.some((n) => n.code === 'future-dated');
    const later = held.expiries.filter((t) => t > at);
    const validUntil = futureDated ? at : later.length > 0 ? Math.min(...later) : Infinity;
    this.entries.delete(held.key);
    this.entries.set(held.key, { verification, judgedAt: at, validUntil });
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}

interface HeldState {
  readonly key: string;
  readonly attestations: ReturnType<typeof storedAttestations>;
  readonly trust: ReturnType<typeof workspaceTrust>;
  readonly expiries: readonly number[];
}

function heldState(ws: Workspace, input: JudgementInput): HeldState {
  const attestations = storedAttestations(ws, input.changeSetDigest);
  const trust = workspaceTrust(ws);
  const hash = createHash('sha256');
  // The vendor signature status (its files, the vendor keys and roster that judged them) is part of what was judged.
  // So is the roster: a v3 contract's digest does not cover it, and a revocation must count at once.
  hash.update(JSON.stringify([input.changeSetDigest, input.contract.digest, input.evaluationDigest, trust, input.vendorSignature ?? null, input.contract.roster ?? null]));
  for (const a of attestations) hash.update(JSON.stringify(a));
  const expiries = ws.attestations.listExceptions(input.changeSetDigest).flatMap((e) => (e.expiresAt ? [Date.parse(e.expiresAt)] : []));
  return { key: hash.digest('hex'), attestations, trust, expiries };
}
