/**
 * Attestation files: the approvals and exceptions that make the verify fixture's release pass,
 * written as one .dsse.json, a .intoto.jsonl or a folder, then mutated as envelope data, as
 * statement data RE-SIGNED by the original signers (so the mutation gets past the signature
 * check and reaches the predicate rules), or as bytes.
 */
import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ResolvedContract } from '../../core/engine';
import { loadChangeSet } from '../../core/loaders/load-change-set';
import type { ChangeSet } from '../../core/model/changeset';
import { envelopeFileText, jsonLinesText } from '../../core/signing/attestation-files';
import type { DsseEnvelope } from '../../core/signing/dsse';
import { createEnvelope } from '../../core/signing/dsse';
import { exportPublicKey, keyIdOf } from '../../core/signing/keys';
import { addSignature, createException, signApproval } from '../../core/signing/sign';
import type { Waiver } from '../../core/signing/predicates';
import { contractYaml, evaluate, evaluationRef, loadContract, PLAN_TIME, TEST_AUDIT_HEAD, writeBundle } from '../../core/testing/release-fixture';
import type { TrustedKeyInput } from '../../core/verify/trusted-keys';
import { applyByteEdits, byteEdits } from './byte-mutations';
import type { CaseFile, FuzzCase } from './fuzz-case';
import { JSON_RAW } from './terraform-cases';
import { applyTreeEdits, fillPlaceholders, Placeholders, treeEdits } from './tree-mutations';
import type { Tree } from './tree-mutations';

export interface AttestationBase {
  readonly changeSet: ChangeSet;
  readonly contract: ResolvedContract;
  readonly trusted: readonly TrustedKeyInput[];
  readonly envelopes: readonly DsseEnvelope[];
  readonly keys: ReadonlyMap<string, KeyObject>;
  readonly now: Date;
}

/** Ed25519 keys from fixed seeds, so every run signs the same bytes (replayable cases). */
export function seededKey(n: number): KeyObject {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, n)]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

let base: AttestationBase | undefined;

/** Builds the release (bundle, contract, signatures) once per process. */
export async function attestationBase(): Promise<AttestationBase> {
  if (base) return base;
  const dir = mkdtempSync(join(tmpdir(), 'countersign-fuzz-att-'));
  const changeSet = await loadChangeSet([writeBundle(dir)]);
  const contract = loadContract(dir, contractYaml({ privileged: 'deny' }));
  const [alice, bob] = [seededKey(1), seededKey(2)].map((privateKey, i) => ({ privateKey, name: ['Alice', 'Bob'][i]! }));
  const hour = 3600_000;
  const approvals = [alice!, bob!].map((reviewer) => signApproval({
    changeSetDigest: changeSet.digest, contract, evaluation: evaluationRef(evaluate(changeSet, contract)), reviewer, comment: 'ok', time: new Date(PLAN_TIME.getTime() - hour),
    auditHead: TEST_AUDIT_HEAD,
  }).envelope);
  const exception = (waiver: Waiver, scoped: boolean): DsseEnvelope => addSignature(createException({
    contract, changeSetDigest: scoped ? changeSet.digest : null, waives: [waiver], expires: new Date(PLAN_TIME.getTime() + 7 * 24 * hour),
    justification: 'migration window', requester: alice!, time: new Date(PLAN_TIME.getTime() - 2 * hour), auditHead: TEST_AUDIT_HEAD,
  }).envelope, bob!.privateKey);
  const envelopes = [
    ...approvals,
    exception({ policy: 'rds-not-public', address: 'aws_db_instance.default' }, true),
    exception({ policy: 'sg-rule-not-world', pattern: 'aws_security_group_rule.*' }, false),
    exception({ policy: 'no-privileged', pattern: 'Pod/nginx-*' }, true),
  ];
  const keys = new Map([alice!, bob!].map((s) => [keyIdOf(s.privateKey), s.privateKey]));
  const trusted = [alice!, bob!].map((s) => ({ pem: exportPublicKey(s.privateKey).pem, name: s.name }));
  base = { changeSet, contract, trusted, envelopes, keys, now: PLAN_TIME };
  return base;
}

function requireBase(): AttestationBase {
  if (!base) throw new Error('call attestationBase() before generating attestation cases');
  return base;
}

/** The statement changed as data, then signed again by each key that signed it. */
export function mutateStatement(env: DsseEnvelope, edits: Parameters<typeof applyTreeEdits>[1], keys: ReadonlyMap<string, KeyObject>): { env: DsseEnvelope; done: string[] } {
  const statement = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as Tree;
  const ph = new Placeholders();
  const done = applyTreeEdits(statement, edits, ph, JSON_RAW);
  const payload = Buffer.from(fillPlaceholders(JSON.stringify(statement), ph, '\\u0001', (k) => JSON.stringify(k)));
  const signers = env.signatures.map((s) => keys.get(s.keyid)).filter((k): k is KeyObject => k !== undefined);
  const signed = createEnvelope(env.payloadType, payload, signers[0]!);
  return { env: signers.slice(1).reduce((e, k) => ({ ...e, signatures: [...e.signatures, createEnvelope(env.payloadType, payload, k).signatures[0]!] }), signed), done };
}

export function attestationCase(): fc.Arbitrary<FuzzCase> {
  return fc.record({
    layout: fc.constantFrom('file', 'jsonl', 'folder'),
    target: fc.nat(),
    mode: fc.constantFrom('statement', 'statement', 'envelope', 'bytes'),
    edits: treeEdits(2),
    bytes: byteEdits,
  }).map((g): FuzzCase => {
    const b = requireBase();
    const envs: (DsseEnvelope | string)[] = [...b.envelopes];
    const t = g.target % envs.length;
    let done: string[] = [];
    if (g.mode === 'statement') ({ env: envs[t], done } = mutateStatement(b.envelopes[t]!, g.edits, b.keys));
    if (g.mode === 'envelope') {
      const tree = structuredClone(b.envelopes[t]!) as unknown as Tree;
      const ph = new Placeholders();
      done = applyTreeEdits(tree, g.edits, ph, JSON_RAW);
      envs[t] = fillPlaceholders(JSON.stringify(tree), ph, '\\u0001', (k) => JSON.stringify(k));
    }
    const asText = (e: DsseEnvelope | string, jsonl: boolean): string => (typeof e === 'string' ? `${e}\n` : jsonl ? jsonLinesText([e]) : envelopeFileText(e));
    let files: CaseFile[];
    let input: string;
    if (g.layout === 'file') {
      files = [{ path: 'attestation.dsse.json', data: asText(envs[t]!, false) }];
      input = 'attestation.dsse.json';
    } else if (g.layout === 'jsonl') {
      files = [{ path: 'release.intoto.jsonl', data: envs.map((e) => asText(e, true)).join('') }];
      input = 'release.intoto.jsonl';
    } else {
      files = envs.map((e, i) => ({ path: `attestations/a-${i}.dsse.json`, data: asText(e, false) }));
      input = 'attestations';
    }
    if (g.mode === 'bytes') {
      const k = g.layout === 'folder' ? t : 0;
      const out = applyByteEdits(Buffer.from(files[k]!.data as string), g.bytes);
      files[k] = { path: files[k]!.path, data: out.bytes };
      done = out.done;
    }
    return { label: `${g.layout} #${t} ${g.mode}: ${done.join(', ')}`, kind: g.mode === 'bytes' ? 'bytes' : 'structure', files, input, secrets: [] };
  });
}
