/**
 * The two-workspace co-signing fixture (core/testing/cosign-fixtures.ts) built once per process
 * for the signing-request and received-attestation cases: Alice's signing request as Bob
 * receives it, and the files Bob signs back (his copy of the exception, a rejection and its
 * withdrawal) with Alice's contract publication. Each case runs against a fresh COPY of the
 * receiving workspace as it was before receiving (templates), so cases never see each other.
 * The keys are made anew in each process: a case replays the same mutation and outcome, not
 * the same signature bytes.
 */
import type { KeyObject } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildSigningRequest, importAttestations, receiveSigningRequest, rejectChangeSet, signException, withdrawDecision } from '../../core/app';
import { unlockKey } from '../../core/app/key-service';
import { openWorkspace } from '../../core/store';
import type { Workspace } from '../../core/store';
import { COSIGN_PASS, twoWorkspaces } from '../../core/testing/cosign-fixtures';

export interface CosignBase {
  readonly requestName: string;
  readonly requestText: string;
  /** Bob's signed files as Alice receives them (name, text), and Alice's publication. */
  readonly returned: readonly { readonly name: string; readonly text: string }[];
  readonly aliceKey: KeyObject;
  readonly bobKey: KeyObject;
  /** Public keys of the roster (Alice, Bob) by key id: the only signers either receiver may accept. */
  readonly rosterKeys: ReadonlyMap<string, KeyObject>;
  /** Workspace files as they were before receiving: B (for requests) and A (for Bob's files). */
  readonly templateB: string;
  readonly templateA: string;
  /** The same after receiving the untouched original: B after Alice's request, A after Bob's files. */
  readonly receivedB: string;
  readonly receivedA: string;
}

let base: Promise<CosignBase> | undefined;
let ready: CosignBase | undefined;

export async function cosignBase(): Promise<CosignBase> {
  ready = await (base ??= build());
  return ready;
}

/** The base, once cosignBase() has built it (generators are synchronous). */
export function requireCosignBase(): CosignBase {
  if (!ready) throw new Error('call cosignBase() before generating signing-request or received-attestation cases');
  return ready;
}

async function build(): Promise<CosignBase> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-fuzz-cosign-'));
  const w = await twoWorkspaces(dir);
  const built = buildSigningRequest(w.a, { digest: w.digest, note: 'please co-sign' });
  const aliceKey = (await unlockKey(w.a, w.alice.id, COSIGN_PASS)).privateKey;
  const bobKey = (await unlockKey(w.b, w.bob.id, COSIGN_PASS)).privateKey;
  const templateB = snapshot(w.b, join(dir, 'template-b.db'));
  const templateA = snapshot(w.a, join(dir, 'template-a.db'));
  // Bob receives, co-signs the exception, rejects, then withdraws his rejection.
  receiveSigningRequest(w.b, { text: built.text, source: built.fileName });
  const stored = w.b.attestations.getExceptionByStatement(w.exception.digest)!;
  await signException(w.b, { envelopeText: stored.signatures.at(-1)!.envelope, source: 'exception', keyId: w.bob.id, passphrase: COSIGN_PASS, outboxDir: w.outboxB });
  await rejectChangeSet(w.b, { digest: w.digest, keyId: w.bob.id, passphrase: COSIGN_PASS, comment: 'not yet', outboxDir: w.outboxB });
  await withdrawDecision(w.b, { digest: w.digest, keyId: w.bob.id, passphrase: COSIGN_PASS, reason: 'fuzz', outboxDir: w.outboxB });
  const returned = filesUnder(w.outboxB).map((p) => ({ name: basename(p), text: readFileSync(p, 'utf8') }));
  returned.push({ name: 'publication.dsse.json', text: JSON.stringify(built.request.contract.publications[0]) });
  const receivedB = snapshot(w.b, join(dir, 'received-b.db'));
  importAttestations(w.a, returned);
  const receivedA = snapshot(w.a, join(dir, 'received-a.db'));
  const rosterKeys = new Map<string, KeyObject>();
  for (const [id, pk] of [[w.alice.id, aliceKey], [w.bob.id, bobKey]] as const) rosterKeys.set(id, pk);
  w.a.close();
  w.b.close();
  return { requestName: built.fileName, requestText: built.text, returned, aliceKey, bobKey, rosterKeys, templateA, templateB, receivedA, receivedB };
}

/** The workspace's database as a file of its own (a consistent copy, WAL included). */
function snapshot(ws: Workspace, to: string): string {
  ws.db.exec(`VACUUM INTO '${to.replace(/'/g, "''")}'`);
  return to;
}

/** A fresh copy of a template workspace, at `path`. */
export function workspaceFrom(template: string, path: string): Workspace {
  copyFileSync(template, path);
  return openWorkspace(path);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}
