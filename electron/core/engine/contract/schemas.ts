import { z } from 'zod';
import { BUILT_IN_CHECKS } from '../../model/input-integrity';
import { TYPED_TIME, isIsoTime } from '../../model/iso-time';
import { ENFORCEMENTS, POLICY_PARAM_TYPES, SEVERITIES, TEST_OUTCOMES } from '../../model/policy';
import type { PolicyParameter, PolicyTestCase, ResourceFixture, TestOutcome } from '../../model/policy';
import { declarationProblem, paramValueProblem } from './param-schema';
import { RESOURCE_ACTIONS } from '../../model/resource-change';
import { rosterSchema } from './roster';
import { SEPARATION_OF_DUTIES_V4_DEFAULT } from '../../base/separation-of-duties';

/** Policy ids are folder names and appear in CLI output: keep them boring. */
export const POLICY_ID = /^[a-z0-9][a-z0-9-]*$/;
/** Parameter names are read as `params.<name>` in CEL, so they must be CEL identifiers. */
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const enforcement = z.enum(ENFORCEMENTS as [string, ...string[]]);
const severity = z.enum(SEVERITIES as [string, ...string[]]);
const nonEmpty = z.string().trim().min(1, 'must not be empty');

const isoTime = z.string().refine((s) => isIsoTime(s, TYPED_TIME), 'must be an ISO-8601 date, or date-time with a zone, on a real calendar day');

export const matchSchema = z.strictObject({
  sources: z.array(z.enum(['terraform', 'kubernetes', 'image'])).optional(),
  types: z.array(nonEmpty).optional(),
  actions: z.array(z.enum(RESOURCE_ACTIONS as [string, ...string[]])).optional(),
  namespaces: z.array(z.string()).optional(),
  labels: z.record(nonEmpty, z.string()).optional(),
  drift: z.boolean().optional(),
});

/**
 * A policy parameter. Since countersign.dev/v3 (and baseline 3) it may declare its kind (`type`),
 * `min`/`max` bounds, an RE2 `pattern` for strings and list items, and `noopWhenEmpty` (an empty
 * value makes the policy allow everything: the editor shows it as "not configured"). A declared
 * type needs a default of that type.
 */
export const parameterSchema = z.strictObject({
  description: z.string().default(''),
  default: z.unknown().optional(),
  type: z.enum(POLICY_PARAM_TYPES as [string, ...string[]]).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  pattern: z.string().optional(),
  noopWhenEmpty: z.boolean().optional(),
}).superRefine((p, ctx) => {
  const decl = p as PolicyParameter;
  const problem = declarationProblem(decl);
  if (problem) {
    ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
    return;
  }
  if (p.type === undefined) return;
  if (p.default === undefined || p.default === null) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: `a parameter of type ${p.type} needs a default of that type` });
    return;
  }
  const bad = paramValueProblem(decl, p.default);
  if (bad) ctx.addIssue({ code: 'custom', path: ['default', ...bad.path], message: `default: ${bad.message}` });
});

/**
 * An inline resource (countersign.dev/v3 contract tests): ResourceChange fields as the masked
 * model holds them; omitted ones take what a loader would give (policy-tests/resource-fixture.ts).
 */
export const resourceFixtureSchema = z.strictObject({
  source: z.enum(['terraform', 'kubernetes', 'image']),
  type: nonEmpty,
  address: nonEmpty,
  action: z.enum(RESOURCE_ACTIONS as [string, ...string[]]),
  name: z.string().optional(),
  namespace: z.string().optional(),
  clusterScoped: z.boolean().optional(),
  apiVersion: z.string().optional(),
  actions: z.array(z.string()).optional(),
  mode: z.enum(['managed', 'data']).optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  unknownPaths: z.array(z.string()).optional(),
  sensitivePaths: z.array(z.string()).optional(),
  drift: z.boolean().optional(),
  component: z.string().optional(),
  module: z.string().optional(),
  actionReason: z.string().optional(),
  usedBy: z.array(z.string()).optional(),
});

/**
 * A test case is either a file test (`input` + expectFail/expectError/expectUnknown, what packs
 * use) or an inline test (`resource` + `expect`, what a contract shared with its vendor uses).
 * One object with every field optional, then one clear reason when the two are mixed.
 */
export const testCaseSchema = z.strictObject({
  name: nonEmpty,
  input: nonEmpty.optional(),
  resource: resourceFixtureSchema.optional(),
  expect: z.enum(TEST_OUTCOMES as [string, ...string[]]).optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  at: isoTime.optional(),
  expectFail: z.array(z.string()).optional(),
  expectError: z.array(z.string()).optional(),
  expectUnknown: z.array(z.string()).optional(),
}).superRefine((t, ctx) => {
  const listsExpected = t.expectFail !== undefined || t.expectError !== undefined || t.expectUnknown !== undefined;
  if (t.input !== undefined && t.resource !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['resource'], message: 'a test gives either `input` (a change-set file) or `resource` (an inline resource), not both' });
  } else if (t.input === undefined && t.resource === undefined) {
    ctx.addIssue({ code: 'custom', path: [], message: 'a test needs `input` (a change-set file next to the policy) or `resource` (an inline resource with `expect`)' });
  } else if (t.resource !== undefined && t.expect === undefined) {
    ctx.addIssue({ code: 'custom', path: ['resource'], message: 'an inline test needs `expect: fail | pass | error | unknown`' });
  } else if (t.resource !== undefined && listsExpected) {
    ctx.addIssue({ code: 'custom', path: [t.expectFail !== undefined ? 'expectFail' : t.expectError !== undefined ? 'expectError' : 'expectUnknown'], message: 'an inline test states its outcome with `expect:`; expectFail/expectError/expectUnknown list addresses of an `input` file' });
  } else if (t.input !== undefined && t.expect !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['expect'], message: '`expect` goes with an inline `resource`; a file test lists addresses in expectFail / expectError / expectUnknown' });
  }
}).transform((t): PolicyTestCase => {
  const common = {
    name: t.name,
    ...(t.parameters !== undefined ? { parameters: t.parameters } : {}),
    ...(t.at !== undefined ? { at: t.at } : {}),
  };
  if (t.resource !== undefined) return { ...common, resource: t.resource as ResourceFixture, expect: t.expect as TestOutcome };
  return {
    ...common,
    input: t.input as string,
    expectFail: t.expectFail ?? [],
    ...(t.expectError !== undefined ? { expectError: t.expectError } : {}),
    ...(t.expectUnknown !== undefined ? { expectUnknown: t.expectUnknown } : {}),
  };
});

export const policySchema = z.strictObject({
  id: z.string().regex(POLICY_ID, 'must match [a-z0-9][a-z0-9-]*').max(100)
    .refine((id) => !BUILT_IN_CHECKS.has(id), 'is reserved for a built-in check'),
  title: nonEmpty,
  description: z.string().default(''),
  severity,
  enforcement,
  enabled: z.boolean().default(true),
  match: matchSchema.default({}),
  parameters: z.record(z.string().regex(PARAM_NAME, 'parameter names must be identifiers (letters, digits, _)'), parameterSchema).default({}),
  condition: nonEmpty,
  message: z.string().default(''),
  path: nonEmpty.optional(),
  remediation: z.string().default(''),
  tags: z.array(z.string()).default([]),
  // Issue 14: the standard controls the policy implements, `<standard>:<control>` (e.g.
  // `pss:baseline/privileged-containers`, `aws-fsbp:RDS.2`). Two policies of one contract that
  // share a control are reported once (engine/evaluate/merge-same-controls.ts).
  controls: z.array(z.string().regex(/^[a-z0-9][a-z0-9.-]*:[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'must be <standard>:<control>, e.g. pss:baseline/host-ports').max(200)).max(50).optional(),
  tests: z.array(testCaseSchema).default([]),
});
export type PolicyData = z.infer<typeof policySchema>;

const positiveInt = z.number().int().min(1).max(1000);

const approvalsDefault = { quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30 };

const overrideV1 = z.strictObject({ enforcement: enforcement.optional(), enabled: z.boolean().optional() });
/** v3 adds shadow mode: evaluated and reported, never blocks, until promoted. */
const overrideV3 = overrideV1.extend({ shadow: z.boolean().optional() });

const approvalsSchema = z.strictObject({
  quorum: positiveInt.default(1),
  exceptionQuorum: positiveInt.default(1),
  maxExceptionDays: z.number().int().min(1).max(3650).default(30),
});


/** countersign.dev/v4: `spec.approvals.separationOfDuties` (docs/contract-format.md). */
const separationOfDutiesSchema = z.strictObject({
  requesterMayWaiveAlone: z.boolean().default(SEPARATION_OF_DUTIES_V4_DEFAULT.requesterMayWaiveAlone),
  approverMaySignReliedExceptions: z.boolean().default(SEPARATION_OF_DUTIES_V4_DEFAULT.approverMaySignReliedExceptions),
});
const approvalsSchemaV4 = approvalsSchema.extend({
  separationOfDuties: separationOfDutiesSchema.default({ ...SEPARATION_OF_DUTIES_V4_DEFAULT }),
});

function contractSchemaWith<A extends string, E extends z.ZodType, O extends z.ZodType>(apiVersion: A, extendsItem: E, override: O) {
  return z.strictObject({
    apiVersion: z.literal(apiVersion),
    kind: z.literal('Contract'),
    metadata: z.strictObject({
      name: nonEmpty,
      vendor: z.string().default(''),
    }),
    spec: z.strictObject({
      extends: z.array(extendsItem).default([]),
      parameters: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
      overrides: z.record(z.string(), override).default({}),
      approvals: approvalsSchema.default(approvalsDefault),
      // Validated one by one with policySchema, so errors point into the right policy.
      policies: z.array(z.unknown()).default([]),
    }).default({ extends: [], parameters: {}, overrides: {}, approvals: approvalsDefault, policies: [] }),
  });
}

export const CONTRACT_V1 = 'countersign.dev/v1';
export const CONTRACT_V2 = 'countersign.dev/v2';
export const CONTRACT_V3 = 'countersign.dev/v3';
export const CONTRACT_V4 = 'countersign.dev/v4';
export const CONTRACT_V5 = 'countersign.dev/v5';
/** The contract apiVersions this build reads, oldest first (docs/versioning.md). */
export const CONTRACT_API_VERSIONS = [CONTRACT_V1, CONTRACT_V2, CONTRACT_V3, CONTRACT_V4, CONTRACT_V5] as const;

/** countersign.dev/v1 (0.1.0): `extends: [baseline]` names packs; each means its version 1. */
export const contractSchema = contractSchemaWith(CONTRACT_V1, nonEmpty, overrideV1);

const packPin = z.strictObject({
  pack: nonEmpty,
  version: z.number().int().min(1),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits>').optional(),
});

/** countersign.dev/v2: every extended pack is pinned by version (and optionally its digest). */
export const contractSchemaV2 = contractSchemaWith(CONTRACT_V2, packPin, overrideV1);

/**
 * countersign.dev/v3: v2 plus `metadata.install` (which install of the vendor the contract
 * judges), shadow overrides, and the reviewer `roster` (outside the digest; bound by the
 * signed publication instead).
 */
const v3Base = contractSchemaWith(CONTRACT_V3, packPin, overrideV3);
export const contractSchemaV3 = v3Base.extend({
  metadata: z.strictObject({
    name: nonEmpty,
    vendor: z.string().default(''),
    install: z.string().default(''),
  }),
  roster: rosterSchema.default([]),
});

/**
 * countersign.dev/v4: v3 plus `spec.approvals.separationOfDuties` and `spec.vendorSignature`
 * (both in the digest). Older files never grow them silently (parse-contract refuses them).
 */
const v4Base = contractSchemaWith(CONTRACT_V4, packPin, overrideV3);
export const VENDOR_SIGNATURE_RULES = ['optional', 'required'] as const;
export const contractSchemaV4 = v4Base.extend({
  metadata: z.strictObject({
    name: nonEmpty,
    vendor: z.string().default(''),
    install: z.string().default(''),
  }),
  spec: v4Base.shape.spec.unwrap().extend({
    approvals: approvalsSchemaV4.default({ ...approvalsDefault, separationOfDuties: { ...SEPARATION_OF_DUTIES_V4_DEFAULT } }),
    vendorSignature: z.enum(VENDOR_SIGNATURE_RULES).default('optional'),
  }).default({
    extends: [], parameters: {}, overrides: {}, policies: [], vendorSignature: 'optional',
    approvals: { ...approvalsDefault, separationOfDuties: { ...SEPARATION_OF_DUTIES_V4_DEFAULT } },
  }),
  roster: rosterSchema.default([]),
});

/**
 * countersign.dev/v5: v4 plus the standard-version option of a pack (`standard: latest` or
 * `v1.N` on an extends entry; engine/contract/standard-version.ts). Validated against the pack
 * by parse-contract, which knows the pack's range; here only its place and kind.
 */
const packPinV5 = packPin.extend({ standard: z.string().optional() });
export const contractSchemaV5 = contractSchemaV4.extend({
  apiVersion: z.literal(CONTRACT_V5),
  spec: contractSchemaV4.shape.spec.unwrap().extend({ extends: z.array(packPinV5).default([]) }).default({
    extends: [], parameters: {}, overrides: {}, policies: [], vendorSignature: 'optional',
    approvals: { ...approvalsDefault, separationOfDuties: { ...SEPARATION_OF_DUTIES_V4_DEFAULT } },
  }),
});
