// Test and benchmark helpers: temporary workspaces, real demo bundles, synthetic change sets and evaluations.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verdictOf } from '../base/verdict';
import { changeSetDigest, listFiles } from '../loaders/bundle/digest';
import type { ChangeSetSource } from '../loaders/bundle/types';
import type { Evaluation, Finding } from '../model/finding';
import { ENFORCEMENTS, SEVERITIES } from '../model/policy';
import type { ChangeSetToStore } from '../store/change-sets';
import { initWorkspace } from '../store/workspace';
import type { Workspace, WorkspaceOptions } from '../store/workspace';

export interface TempWorkspace {
  readonly dir: string;
  readonly path: string;
  readonly ws: Workspace;
  /** Closes and opens the same file again. */
  reopen(options?: WorkspaceOptions): Workspace;
  cleanup(): void;
}

/** A real workspace file in a fresh temporary folder, with a clock that ticks one second per call. */
export function tempWorkspace(options: WorkspaceOptions = {}): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-store-'));
  const path = join(dir, 'workspace.db');
  const opened: Workspace[] = [];
  const open = (o: WorkspaceOptions): Workspace => {
    const ws = initWorkspace(path, { actor: 'tester', now: tickingClock(), ...o });
    opened.push(ws);
    return ws;
  };
  const ws = open(options);
  return {
    dir,
    path,
    ws,
    reopen(o = {}) {
      for (const w of opened) w.close();
      return open(o);
    },
    cleanup() {
      for (const w of opened) w.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A clock starting at `start` that advances one second per reading (distinct, ordered times). */
export function tickingClock(start = Date.parse('2026-11-20T10:00:00Z')): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

export interface SyntheticChangeSet {
  readonly source: ChangeSetSource;
  readonly changeSet: ChangeSetToStore;
}

/**
 * A change set made of `files` deterministic pseudo-random files (different for each `n`), with
 * bundle metadata; the digest is computed exactly as the loader does.
 */
export function syntheticChangeSet(n: number, options: { files?: number; bytes?: number; vendor?: string } = {}): SyntheticChangeSet {
  const fileCount = options.files ?? 2;
  const size = options.bytes ?? 256;
  const files = Array.from({ length: fileCount }, (_, i) => ({ path: `k8s/part-${i}.yaml`, bytes: pseudoRandomBytes(n * 1000 + i, size) }));
  const metadata = {
    vendor: options.vendor ?? `Vendor ${n % 7}`,
    app: `app-${n % 3}`,
    install: `prod-${n % 5}`,
    release: `1.${n}.0`,
    previousRelease: `1.${n - 1}.0`,
    createdAt: '2026-11-20T09:00:00Z',
    plannedApplyAt: '2026-11-26T14:00:00Z',
    description: `synthetic release ${n}`,
  };
  return {
    source: { origin: `synthetic-${n}`, manifest: null, files },
    changeSet: { digest: changeSetDigest(listFiles(files)), metadata, artifacts: [], resources: new Array<unknown>(fileCount * 3).fill(null) },
  };
}

/** An evaluation with `count` findings cycling through severities and enforcements (verdict as the engine derives it). */
export function syntheticEvaluation(count: number, options: { at?: string; enforcement?: Finding['enforcement'] } = {}): Evaluation {
  const findings: Finding[] = Array.from({ length: count }, (_, i) => ({
    policy: `policy-${i % 4}`,
    title: `Policy ${i % 4}`,
    resource: { address: `Deployment/prod/app-${i}`, source: 'kubernetes', type: 'Deployment', action: 'update', drift: false },
    status: i % 9 === 8 ? 'error' : 'fail',
    enforcement: options.enforcement ?? ENFORCEMENTS[i % ENFORCEMENTS.length]!,
    severity: SEVERITIES[i % SEVERITIES.length]!,
    message: `finding ${i}`,
    location: { file: 'k8s/part-0.yaml', line: i + 1, column: 3 },
    remediation: 'fix it',
  }));
  return {
    verdict: verdictOf(findings),
    findings,
    summary: { resources: count, byAction: {}, findings: count, byEnforcement: {}, bySeverity: {}, errors: 0, checks: count, evaluations: count },
    at: options.at ?? '2026-11-20T12:00:00.000Z',
    engineVersion: 'countersign-engine/1',
  };
}

function pseudoRandomBytes(seed: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** The outbox file name the crash writer gives a synthetic envelope (its payload's hash). */
export function syntheticOutboxFileName(envelope: string): string {
  const payload = (JSON.parse(envelope) as { payload: string }).payload;
  return `decision-${createHash('sha256').update(payload).digest('hex').slice(0, 16)}.dsse.json`;
}
