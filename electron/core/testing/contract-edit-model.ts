import assert from 'node:assert/strict';
import { Lexer, isMap, isSeq, parse, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { ContractEdit } from '../base/contract-edits';

/**
 * Test support for the contract editor: what each edit should do to the contract's data
 * (a reference written over plain objects, independent of the text splicing), and checks that
 * an edit left every byte outside the node it names alone.
 */

type Data = Record<string, unknown>;
type PackPolicies = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

const obj = (v: unknown): Data => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Data) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function child(parent: Data, key: string): Data {
  if (typeof parent[key] !== 'object' || parent[key] === null || Array.isArray(parent[key])) parent[key] = {};
  return parent[key] as Data;
}

function pruneEmpty(parent: Data, key: string): void {
  const v = parent[key];
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0) delete parent[key];
}

function upgrade(d: Data): void {
  if (d.apiVersion === 'countersign.dev/v1') {
    const spec = obj(d.spec);
    if (Array.isArray(spec.extends)) spec.extends = spec.extends.map((e) => (typeof e === 'string' ? { pack: e, version: 1 } : e));
  }
  if (d.apiVersion !== 'countersign.dev/v4') d.apiVersion = 'countersign.dev/v3';
}

function upgradeV4(d: Data): void {
  upgrade(d);
  d.apiVersion = 'countersign.dev/v4';
}

const V2_PARAM_KEYS = ['description', 'default'];
const typedParams = (p: unknown): boolean => Object.values(obj(p)).some((decl) => Object.keys(obj(decl)).some((k) => !V2_PARAM_KEYS.includes(k)));
const inlineTest = (t: unknown): boolean => !('input' in obj(t));

/** The data after `edit`, or 'problem' when the edit must be refused. */
export function expectedAfter(before: unknown, edit: ContractEdit, packs: PackPolicies): Data | 'problem' {
  const d = structuredClone(before) as Data;
  const spec = child(d, 'spec');
  const own = arr(spec.policies);
  const ownIndex = (id: string) => own.findIndex((p) => obj(p).id === id);
  const known = (id: string) => ownIndex(id) >= 0 || id in packs;
  const roster = arr(d.roster);
  const rosterIndex = (fp: string) => roster.findIndex((e) => obj(e).fingerprint === fp);
  switch (edit.op) {
    case 'setParameter':
      if (!known(edit.policy)) return 'problem';
      child(child(spec, 'parameters'), edit.policy)[edit.name] = edit.value;
      return d;
    case 'clearParameter': {
      const params = obj(spec.parameters);
      if (!(edit.policy in params) && !known(edit.policy)) return 'problem';
      if (edit.policy in params && edit.name in obj(params[edit.policy])) {
        delete obj(params[edit.policy])[edit.name];
        pruneEmpty(params, edit.policy);
      }
      return d;
    }
    case 'setOverride': {
      const clear = edit.clear ?? [];
      if (clear.some((f) => edit[f] !== undefined)) return 'problem';
      if (!known(edit.policy) && (clear.length === 0 || !(edit.policy in obj(spec.overrides)))) return 'problem';
      if (edit.shadow !== undefined) upgrade(d);
      for (const f of ['enforcement', 'enabled', 'shadow'] as const) if (edit[f] !== undefined) child(child(spec, 'overrides'), edit.policy)[f] = edit[f];
      const overrides = obj(spec.overrides);
      for (const f of clear) {
        if (edit.policy in overrides) {
          delete obj(overrides[edit.policy])[f];
          pruneEmpty(overrides, edit.policy);
        }
      }
      return d;
    }
    case 'setPolicyField': {
      const i = ownIndex(edit.policy);
      if (i < 0) return 'problem';
      const p = obj(own[i]);
      if (edit.value === null) {
        if (['title', 'severity', 'enforcement', 'condition'].includes(edit.field)) return 'problem';
        delete p[edit.field];
      } else {
        if (edit.field === 'parameters' && typedParams(edit.value)) upgrade(d);
        p[edit.field] = edit.value;
      }
      return d;
    }
    case 'addPolicy': {
      const id = edit.policy.id as string;
      if (ownIndex(id) >= 0 || id in packs) return 'problem';
      if (typedParams(edit.policy.parameters) || arr(edit.policy.tests).some(inlineTest)) upgrade(d);
      spec.policies = [...own, edit.policy];
      return d;
    }
    case 'removePolicy': {
      const i = ownIndex(edit.policy);
      if (i < 0) return 'problem';
      own.splice(i, 1);
      for (const k of ['overrides', 'parameters']) {
        // Its entry goes, and the map with it when that entry was the last (contract-model.ts deletePruning).
        if (k in spec && edit.policy in obj(spec[k])) {
          delete obj(spec[k])[edit.policy];
          pruneEmpty(spec, k);
        }
      }
      return d;
    }
    case 'forkPolicy': {
      const from = packs[edit.from];
      if (!from || ownIndex(edit.id) >= 0 || edit.id in packs) return 'problem';
      const fork: Data = { ...structuredClone(from), id: edit.id, tests: arr(from.tests).filter(inlineTest) };
      for (const [k, v] of Object.entries(fork)) {
        if (k !== 'id' && (v === '' || (k === 'enabled' && v === true) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0))) delete fork[k];
      }
      if (typedParams(fork.parameters) || arr(fork.tests).length > 0) upgrade(d);
      spec.policies = [...own, fork];
      const params = obj(spec.parameters)[edit.from];
      if (params && Object.keys(obj(params)).length > 0) child(spec, 'parameters')[edit.id] = structuredClone(params);
      child(child(spec, 'overrides'), edit.from).enabled = false;
      return d;
    }
    case 'addTest': {
      const i = ownIndex(edit.policy);
      if (i < 0) return 'problem';
      const p = obj(own[i]);
      if (arr(p.tests).some((t) => obj(t).name === edit.test.name)) return 'problem';
      if (inlineTest(edit.test)) upgrade(d);
      p.tests = [...arr(p.tests), edit.test];
      return d;
    }
    case 'removeTest': {
      const i = ownIndex(edit.policy);
      if (i < 0) return 'problem';
      const tests = arr(obj(own[i]).tests);
      const t = tests.findIndex((x) => obj(x).name === edit.name);
      if (t < 0) return 'problem';
      tests.splice(t, 1);
      return d;
    }
    case 'setApprovals':
      for (const f of ['quorum', 'exceptionQuorum', 'maxExceptionDays'] as const) if (edit[f] !== undefined) child(spec, 'approvals')[f] = edit[f];
      if (edit.separationOfDuties !== undefined) {
        upgradeV4(d);
        for (const f of ['requesterMayWaiveAlone', 'approverMaySignReliedExceptions'] as const) {
          if (edit.separationOfDuties[f] !== undefined) child(child(spec, 'approvals'), 'separationOfDuties')[f] = edit.separationOfDuties[f];
        }
      }
      return d;
    case 'setVendorSignature':
      upgradeV4(d);
      spec.vendorSignature = edit.rule;
      return d;
    case 'setMetadata': {
      const m = child(d, 'metadata');
      if (edit.vendor !== undefined) m.vendor = edit.vendor;
      if (edit.install === null || edit.install === '') delete m.install;
      else if (edit.install !== undefined) {
        upgrade(d);
        m.install = edit.install;
      }
      return d;
    }
    case 'upsertReviewer': {
      const i = rosterIndex(edit.entry.fingerprint as string);
      // An upsert never lifts a revocation (roster-edits.ts).
      if (i >= 0 && obj(roster[i]).revoked !== undefined && edit.entry.revoked === undefined) return 'problem';
      upgrade(d);
      d.roster = i < 0 ? [...roster, edit.entry] : roster.map((e, j) => (j === i ? edit.entry : e));
      return d;
    }
    case 'revokeReviewer': {
      const i = rosterIndex(edit.fingerprint);
      if (i < 0) return 'problem';
      upgrade(d);
      obj(roster[i]).revoked = edit.at;
      return d;
    }
    case 'removeReviewer': {
      const i = rosterIndex(edit.fingerprint);
      if (i < 0) return 'problem';
      roster.splice(i, 1);
      return d;
    }
    case 'addPack': {
      const packOf = (e: unknown) => (typeof e === 'string' ? e : obj(e).pack);
      if (arr(spec.extends).some((e) => packOf(e) === edit.pack)) return 'problem';
      // The fixtures' context knows no pack's standard versions: naming one is refused (fail closed).
      if (edit.standard !== undefined) return 'problem';
      if (d.apiVersion === 'countersign.dev/v1') upgrade(d);
      obj(d.spec).extends = [...arr(obj(d.spec).extends), { pack: edit.pack, version: edit.version }];
      return d;
    }
    case 'setPackVersion': {
      const packOf = (e: unknown) => (typeof e === 'string' ? e : obj(e).pack);
      const i = arr(spec.extends).findIndex((e) => packOf(e) === edit.pack);
      if (i < 0) return 'problem';
      if (d.apiVersion === 'countersign.dev/v1') upgrade(d);
      const entry = obj(arr(obj(d.spec).extends)[i]);
      delete entry.digest;
      entry.version = edit.version;
      return d;
    }
    // The fixtures' context knows no pack's standard versions: every standard edit is refused (fail closed).
    case 'setPackStandard':
      return 'problem';
    case 'removePack': {
      const packOf = (e: unknown) => (typeof e === 'string' ? e : obj(e).pack);
      const i = arr(spec.extends).findIndex((e) => packOf(e) === edit.pack);
      if (i < 0) return 'problem';
      // The fixtures' context names no pack's policy ids: only the entry goes.
      arr(spec.extends).splice(i, 1);
      return d;
    }
  }
}

/** Every comment of a YAML text with its offset (the lexer's comment tokens). */
export function commentsOf(text: string): { offset: number; text: string }[] {
  const out: { offset: number; text: string }[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token.startsWith('#')) out.push({ offset, text: token });
    // The lexer's control tokens (document, scalar and flow-error markers) are not source text.
    if (!['\x02', '\x18', '\x1f'].includes(token)) offset += token.length;
  }
  return out;
}

type Span = readonly [number, number];

/** The byte span of the node at `path` (from its leading comment lines for list items), if present. */
export function spanAt(text: string, path: readonly (string | number)[]): Span | null {
  const doc = parseDocument(text);
  let node = doc.contents as Node | null;
  for (const step of path) {
    if (isMap(node)) node = (node.get(step, true) as Node | undefined) ?? null;
    else if (isSeq(node) && typeof step === 'number') node = (node.items[step] as Node | undefined) ?? null;
    else return null;
    if (!node) return null;
  }
  const range = node?.range;
  if (!range) return null;
  let start = text.lastIndexOf('\n', range[0] - 1) + 1;
  // leading comment lines directly above belong to the node
  for (;;) {
    const prev = text.lastIndexOf('\n', start - 2) + 1;
    if (start === 0 || !/^[ \t]*#/.test(text.slice(prev, start))) break;
    start = prev;
  }
  return [start, range[2]];
}

/** The spans an edit may rewrite, in the text before it. */
export function touchedSpans(before: string, edit: ContractEdit): Span[] {
  const data = obj(parse(before));
  const spec = obj(data.spec);
  const policyIndex = (id: string) => arr(spec.policies).findIndex((p) => obj(p).id === id);
  const rosterIndex = (fp: string) => arr(data.roster).findIndex((e) => obj(e).fingerprint === fp);
  const paths: (string | number)[][] = [['apiVersion'], ['spec', 'extends']];
  switch (edit.op) {
    case 'setParameter': case 'clearParameter': paths.push(['spec', 'parameters', edit.policy]); break;
    case 'setOverride': paths.push(['spec', 'overrides', edit.policy]); break;
    case 'setPolicyField': case 'addTest': case 'removeTest': case 'removePolicy':
      paths.push(['spec', 'policies', policyIndex(edit.policy)]);
      if (edit.op === 'removePolicy') paths.push(['spec', 'overrides', edit.policy], ['spec', 'parameters', edit.policy]);
      break;
    case 'forkPolicy': paths.push(['spec', 'overrides', edit.from], ['spec', 'parameters', edit.id]); break;
    case 'setApprovals': paths.push(['spec', 'approvals']); break;
    case 'setVendorSignature': paths.push(['spec', 'vendorSignature']); break;
    case 'setMetadata': paths.push(['metadata', 'vendor'], ['metadata', 'install']); break;
    case 'upsertReviewer': case 'revokeReviewer': case 'removeReviewer':
      paths.push(['roster', rosterIndex(edit.op === 'upsertReviewer' ? (edit.entry.fingerprint as string) : edit.fingerprint)]);
      break;
    case 'addPolicy': case 'addPack': case 'setPackVersion': break;
    case 'removePack': paths.push(['spec', 'overrides'], ['spec', 'parameters']); break;
  }
  return paths.map((p) => spanAt(before, p)).filter((s): s is Span => s !== null);
}

function policySlices(text: string): Map<string, string> {
  const doc = parseDocument(text);
  const seq = doc.getIn(['spec', 'policies'], true) as Node | undefined;
  const out = new Map<string, string>();
  if (!isSeq(seq)) return out;
  for (const item of seq.items as Node[]) {
    const id = isMap(item) ? item.get('id') : undefined;
    if (typeof id === 'string' && item.range) out.set(id, text.slice(item.range[0], item.range[1]));
  }
  return out;
}

function namedPolicies(edit: ContractEdit): string[] {
  if (edit.op === 'forkPolicy') return [edit.from, edit.id];
  if (edit.op === 'addPolicy') return [edit.policy.id as string];
  return 'policy' in edit && typeof edit.policy === 'string' ? [edit.policy] : [];
}

/**
 * Asserts an edit changed nothing outside the nodes it names: every comment outside those
 * nodes is still there, in order; every own policy it does not name is byte-identical; a
 * CRLF file has no bare line feed.
 */
export function assertOnlyTouched(before: string, after: string, edit: ContractEdit): void {
  const spans = touchedSpans(before, edit);
  const kept = commentsOf(before).filter((c) => !spans.some(([s, e]) => c.offset >= s && c.offset < e)).map((c) => c.text);
  let from = 0;
  for (const c of kept) {
    const at = after.indexOf(c, from);
    assert.ok(at >= 0, `comment ${JSON.stringify(c)} was lost or moved by ${JSON.stringify(edit)}:\n${after}`);
    from = at + c.length;
  }
  const named = namedPolicies(edit);
  const afterSlices = policySlices(after);
  for (const [id, slice] of policySlices(before)) {
    if (named.includes(id)) continue;
    assert.equal(afterSlices.get(id), slice, `policy ${id} changed by ${JSON.stringify(edit)}`);
  }
  if (before.includes('\r\n')) assert.doesNotMatch(after, /(?<!\r)\n/, 'a CRLF file gained a bare line feed');
}
