import { isMap, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { packsRoot } from '../../io/packs-root';
import { InputError } from '../../model/errors';
import type { Policy } from '../../model/policy';
import { contractDigest } from './contract-digest';
import { listPacks, loadPack, packExists } from './load-pack';
import { policyFromNode } from './parse-policy';
import type { ResolvedContract } from './resolved-contract';
import { contractSchema } from './schemas';
import { errorAt, parseYamlSource, schemaError } from './yaml-source';
import type { YamlSource } from './yaml-source';

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'map' : typeof v === 'number' ? 'number' : typeof v;
}

function packPolicies(src: YamlSource, names: readonly string[], root: string): Policy[] {
  const out: Policy[] = [];
  const from = new Map<string, string>();
  names.forEach((name, i) => {
    if (!packExists(name, root)) {
      const known = listPacks(root);
      throw errorAt(src, ['spec', 'extends', i], `unknown policy pack "${name}"${known.length ? ` (available: ${known.join(', ')})` : ''}`);
    }
    for (const p of loadPack(name, root)) {
      const other = from.get(p.id);
      if (other !== undefined) throw errorAt(src, ['spec', 'extends', i], `packs "${other}" and "${name}" both define policy "${p.id}"`);
      from.set(p.id, name);
      out.push(p);
    }
  });
  return out;
}

function ownPolicies(src: YamlSource, items: readonly unknown[], packIds: ReadonlySet<string>): Policy[] {
  const seq = errorlessNode(src, ['spec', 'policies']);
  const seen = new Set<string>();
  return items.map((item, i) => {
    const node = isSeq(seq) ? (seq.items[i] as Node | null) : null;
    const policy = policyFromNode(src, node, item, '', ['spec', 'policies', i]);
    if (packIds.has(policy.id)) {
      throw errorAt(src, ['id'], `policy "${policy.id}" already exists in an extended pack; change it with spec.overrides / spec.parameters instead`, node);
    }
    if (seen.has(policy.id)) throw errorAt(src, ['id'], `policy "${policy.id}" is defined twice`, node);
    seen.add(policy.id);
    return policy;
  });
}

function errorlessNode(src: YamlSource, path: readonly string[]): Node | null {
  let cur = src.doc.contents as Node | null;
  for (const key of path) {
    if (!isMap(cur)) return null;
    cur = (cur.get(key, true) as Node | undefined) ?? null;
  }
  return cur;
}

/**
 * Contract YAML → resolved contract: packs expanded, own policies added, overrides applied,
 * parameters merged over defaults. Every mistake is an InputError with the file and line.
 */
export function parseContract(file: string, text: string, packsRootDir?: string): ResolvedContract {
  const src = parseYamlSource(file, text);
  if (!isMap(src.doc.contents)) throw new InputError(file, 'a contract must be a YAML mapping (apiVersion: countersign.dev/v1, kind: Contract, …)', 1, 1);
  const parsed = contractSchema.safeParse(src.data);
  if (!parsed.success) throw schemaError(src, parsed.error);
  const { metadata, spec } = parsed.data;
  const root = packsRootDir ?? (spec.extends.length > 0 ? packsRoot() : '');

  const extendsList = [...new Set(spec.extends)];
  const fromPacks = packPolicies(src, extendsList, root);
  const own = ownPolicies(src, spec.policies, new Set(fromPacks.map((p) => p.id)));
  const byId = new Map([...fromPacks, ...own].map((p) => [p.id, p]));

  for (const [id, override] of Object.entries(spec.overrides)) {
    const p = byId.get(id);
    if (!p) throw errorAt(src, ['spec', 'overrides', id], `override for unknown policy "${id}"`, null, true);
    byId.set(id, { ...p, ...(override.enforcement ? { enforcement: override.enforcement as Policy['enforcement'] } : {}), ...(override.enabled !== undefined ? { enabled: override.enabled } : {}) });
  }

  for (const [id, values] of Object.entries(spec.parameters)) {
    const p = byId.get(id);
    if (!p) throw errorAt(src, ['spec', 'parameters', id], `parameters for unknown policy "${id}"`, null, true);
    for (const [name, value] of Object.entries(values)) {
      const decl = p.parameters[name];
      if (!decl) {
        const known = Object.keys(p.parameters);
        throw errorAt(src, ['spec', 'parameters', id, name], `policy "${id}" has no parameter "${name}"${known.length ? ` (it has: ${known.join(', ')})` : ''}`, null, true);
      }
      const want = kindOf(decl.default);
      if (want !== 'null' && kindOf(value) !== want) {
        throw errorAt(src, ['spec', 'parameters', id, name], `parameter "${name}" of policy "${id}" must be a ${want} (like its default), got a ${kindOf(value)}`);
      }
    }
  }

  const policies = [...byId.values()];
  const parameters = Object.fromEntries(policies.map((p) => [
    p.id,
    { ...Object.fromEntries(Object.entries(p.parameters).map(([name, d]) => [name, d.default])), ...(spec.parameters[p.id] ?? {}) },
  ]));
  const resolved: Omit<ResolvedContract, 'digest'> = {
    name: metadata.name,
    vendor: metadata.vendor,
    extends: extendsList,
    policies,
    parameters,
    approvals: spec.approvals,
    source: file,
  };
  return { ...resolved, digest: contractDigest(resolved) };
}
