// The cloud-hardening pack reads only attributes the providers have. Every attribute and block
// a policy reads (condition, message segments, path) must be in the committed excerpt of the
// provider schema (provider-schemas/<provider>.json: names, block nesting, provider version,
// source file and commit) for one of the resource types the policy matches; every matched
// type must be in an excerpt; every policy names the standard controls it implements.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPack } from '../engine';
import { messageSegments } from '../engine/compile/message-template';
import { packsRoot } from '../io/packs-root';
import type { Policy } from '../model/policy';
import { attributeReads, constantPaths } from '../testing/attribute-reads';
import { corpusPath } from '../testing/corpus';

interface BlockSchema {
  readonly nesting?: 'list' | 'set';
  readonly max_items?: number;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly blocks?: Readonly<Record<string, BlockSchema>>;
}
interface ResourceSchema extends BlockSchema {
  readonly source?: readonly { readonly path: string; readonly commit: string; readonly evidence: 'read' | 'located' }[];
  /** Corpus plans (electron/testing/corpus/terraform) that hold the resource. */
  readonly corpus?: readonly string[];
  readonly alias_of?: string;
}
interface ProviderExcerpt {
  readonly provider: string;
  readonly version: string;
  readonly repository: string;
  readonly resources: Readonly<Record<string, ResourceSchema>>;
}

const PROVIDERS = ['aws', 'google', 'azurerm'] as const;
const excerpts = Object.fromEntries(PROVIDERS.map((p) => [p, JSON.parse(readFileSync(join(import.meta.dirname, 'provider-schemas', `${p}.json`), 'utf8')) as ProviderExcerpt]));
const schemas = new Map<string, ResourceSchema>(PROVIDERS.flatMap((p) => Object.entries(excerpts[p]?.resources ?? {})));

function schemaOf(type: string): ResourceSchema | undefined {
  const s = schemas.get(type);
  return s?.alias_of ? schemas.get(s.alias_of) : s;
}

/** Whether `path` (attribute and block names) exists in the resource schema. */
export function pathInSchema(schema: BlockSchema, path: readonly string[]): boolean {
  let block: BlockSchema = schema;
  for (let i = 0; i < path.length; i++) {
    const step = path[i] as string;
    const nested = block.blocks?.[step];
    if (nested) {
      block = nested;
      continue;
    }
    const type = block.attributes?.[step];
    if (type === undefined) return false;
    const rest = path.length - i - 1;
    // A map attribute's keys are data (tags); a JSON document is read only through parseJSON.
    return rest === 0 || (type.startsWith('map(') && rest === 1);
  }
  return true;
}

/** The attribute paths a policy reads that no matched type's excerpt has. */
export function unknownReads(policy: Policy): string[] {
  const texts = [policy.condition, ...messageSegments(policy.message).map((s) => s.cel)];
  const found: (readonly string[])[] = [];
  const problems: string[] = [];
  for (const text of texts) {
    const r = attributeReads(text);
    found.push(...r.reads);
    problems.push(...r.unresolved.map((u) => `lookup with a path worked out at run time: ${u}`));
  }
  if (policy.path) found.push(...constantPaths(policy.path));
  const types = (policy.match.types ?? []).map(schemaOf).filter((s): s is ResourceSchema => s !== undefined);
  for (const path of found) {
    if (path.length > 0 && !types.some((s) => pathInSchema(s, path))) problems.push(`reads ${path.join('.')}, which no excerpt of ${(policy.match.types ?? []).join(', ')} has`);
  }
  return [...new Set(problems)];
}

const policies = loadPack('cloud-hardening', packsRoot());

describe('provider schema excerpts', () => {
  for (const p of PROVIDERS) {
    test(`${p}: names the provider, its version and, per resource, the source file and commit`, () => {
      const e = excerpts[p] as ProviderExcerpt;
      assert.match(e.provider, new RegExp(`^registry\\.terraform\\.io/hashicorp/${p}$`));
      assert.match(e.version, /^\d+\.x\b/);
      assert.match(e.repository, new RegExp(`^hashicorp/terraform-provider-${p}$`));
      for (const [type, r] of Object.entries(e.resources)) {
        assert.ok(type.startsWith(p === 'google' ? 'google_' : `${p}_`), type);
        if (r.alias_of) {
          assert.ok(e.resources[r.alias_of], `${type} is an alias of a listed resource`);
          continue;
        }
        assert.ok((r.source?.length ?? 0) > 0, `${type} has a source`);
        for (const s of r.source ?? []) {
          assert.match(s.commit, /^[0-9a-f]{40}$/, `${type}: ${s.path}`);
          assert.ok(s.evidence === 'read' || s.evidence === 'located', `${type}: ${s.path} evidence`);
        }
        for (const file of r.corpus ?? []) {
          const plan = readFileSync(corpusPath('terraform', file), 'utf8');
          assert.ok(plan.includes(`"type": "${type}"`) || plan.includes(`"type":"${type}"`), `${file} holds a ${type}`);
        }
        assert.ok((r.source ?? []).some((s) => s.evidence === 'read') || (r.corpus?.length ?? 0) > 0, `${type}: a source that was read, or a corpus plan`);
      }
    });
  }
});

describe('cloud-hardening reads only attributes in the provider schema excerpts', () => {
  test('the pack has policies for AWS, Google Cloud and Azure', () => {
    const prefixes = new Set(policies.map((p) => p.id.split('-')[0]));
    assert.deepEqual([...prefixes].sort(), ['aws', 'azure', 'gcp']);
  });

  for (const policy of policies) {
    test(`${policy.id}: matched types are in an excerpt, every read is in the schema, controls are named`, () => {
      const types = policy.match.types ?? [];
      assert.ok(types.length > 0, 'matches explicit resource types');
      assert.deepEqual(types.filter((t) => !schemaOf(t)), [], 'matched types without an excerpt');
      assert.deepEqual(unknownReads(policy), []);
      assert.ok((policy.controls?.length ?? 0) > 0, 'names the controls it implements');
      for (const c of policy.controls ?? []) assert.match(c, /^(aws-fsbp|cis-aws-3\.0\.0|cis-gcp-2\.0\.0|cis-azure-1\.4\.0):/, c);
    });
  }

  test('a policy reading a misspelt attribute, a block field at the top level or a computed path is caught', () => {
    const base = policies.find((p) => p.id === 'aws-rds-not-public') as Policy;
    assert.deepEqual(unknownReads({ ...base, condition: 'lookup(object, "publicly_accesible", false) != true' }), ['reads publicly_accesible, which no excerpt of aws_db_instance, aws_rds_cluster_instance has']);
    const imds = policies.find((p) => p.id === 'aws-ec2-imdsv2') as Policy;
    assert.deepEqual(unknownReads({ ...imds, condition: 'object.http_tokens == "required"', message: 'x', path: '["metadata_options", 0, "http_token"]' }), [
      'reads http_tokens, which no excerpt of aws_instance, aws_launch_template, aws_launch_configuration has',
      'reads metadata_options.http_token, which no excerpt of aws_instance, aws_launch_template, aws_launch_configuration has',
    ]);
    assert.deepEqual(unknownReads({ ...base, condition: 'lookup(object, resource.name, false) != true' }), ['lookup with a path worked out at run time: lookup(object, resource.name, false)']);
  });
});
