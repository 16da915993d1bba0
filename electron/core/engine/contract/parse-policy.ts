import { isMap, isScalar } from 'yaml';
import type { Node } from 'yaml';
import { InputError } from '../../model/errors';
import type { Enforcement, ExpressionSource, Policy, PolicyMatch, PolicyParameter, PolicyParamType, Severity } from '../../model/policy';
import type { ResourceAction, ResourceSource } from '../../model/resource-change';
import { policySchema } from './schemas';
import { nodeAt, parseYamlSource, positionOf, rangeIn, schemaError } from './yaml-source';
import type { YamlSource } from './yaml-source';

const EXPRESSION_FIELDS = ['condition', 'message', 'path'] as const;

/** Where the text of a scalar starts, so CEL offsets can be mapped back to file lines. */
function expressionSource(src: YamlSource, node: Node | null): ExpressionSource | undefined {
  if (!isScalar(node)) return undefined;
  const range = rangeIn(src, node);
  if (!range) return undefined;
  const start = range[0];
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    // Content starts on the line after the `|` header; its indentation is the first
    // non-blank line's.
    const nl = src.text.indexOf('\n', start);
    if (nl < 0) return undefined;
    const first = src.lines.linePos(nl + 1).line;
    const body = src.text.slice(nl + 1, range[1]);
    const indent = /^(?:[ \t]*\r?\n)*( *)/.exec(body)?.[1]?.length ?? 0;
    return { line: first, column: indent + 1, linesAligned: node.type === 'BLOCK_LITERAL' };
  }
  const pos = src.lines.linePos(start);
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return { line: pos.line, column: pos.col + (quoted ? 1 : 0), linesAligned: false };
}

/**
 * Validates one policy mapping (a pack's policy.yaml root, or an item of a contract's
 * `spec.policies`) and returns the Policy with its source positions.
 */
export function policyFromNode(src: YamlSource, node: Node | null, data: unknown, pack: string, pathPrefix: readonly PropertyKey[] = []): Policy {
  if (!isMap(node) || typeof data !== 'object' || data === null || Array.isArray(data)) {
    const pos = positionOf(src, node);
    throw new InputError(src.file, `${pathPrefix.length ? `${pathPrefix.join('.')}: ` : ''}a policy must be a mapping (id, title, severity, enforcement, condition, …)`, pos.line, pos.column);
  }
  const parsed = policySchema.safeParse(data);
  if (!parsed.success) throw schemaError(src, parsed.error, pathPrefix, node);
  const p = parsed.data;
  const pos = positionOf(src, node);
  const expressionAt: Partial<Record<(typeof EXPRESSION_FIELDS)[number], ExpressionSource>> = {};
  for (const field of EXPRESSION_FIELDS) {
    const at = expressionSource(src, nodeAt(src, [field], node));
    if (at) expressionAt[field] = at;
  }
  // The schema members are kept only when written, so the digest of a policy without them
  // (frozen packs 1 and 2, v1/v2 contracts) is what it always was.
  const parameters = Object.fromEntries(Object.entries(p.parameters).map(([name, decl]): [string, PolicyParameter] => [
    name,
    {
      description: decl.description,
      default: decl.default === undefined ? null : decl.default,
      ...(decl.type !== undefined ? { type: decl.type as PolicyParamType } : {}),
      ...(decl.min !== undefined ? { min: decl.min } : {}),
      ...(decl.max !== undefined ? { max: decl.max } : {}),
      ...(decl.pattern !== undefined ? { pattern: decl.pattern } : {}),
      ...(decl.noopWhenEmpty !== undefined ? { noopWhenEmpty: decl.noopWhenEmpty } : {}),
    },
  ]));
  const policy: Policy = {
    id: p.id,
    title: p.title,
    description: p.description,
    severity: p.severity as Severity,
    enforcement: p.enforcement as Enforcement,
    enabled: p.enabled,
    match: p.match as PolicyMatch & { sources?: ResourceSource[]; actions?: ResourceAction[] },
    condition: p.condition,
    message: p.message,
    ...(p.path !== undefined ? { path: p.path } : {}),
    parameters,
    remediation: p.remediation,
    tags: p.tags,
    ...(p.controls !== undefined ? { controls: p.controls } : {}),
    pack,
    tests: p.tests,
    definedAt: { file: src.file, line: pos.line, column: pos.column },
    expressionAt,
  };
  return policy;
}

/** policy.yaml → Policy (schema-checked; errors name the file and line). CEL is compiled later. */
export function parsePolicyFile(file: string, text: string, pack: string): Policy {
  const src = parseYamlSource(file, text);
  return policyFromNode(src, src.doc.contents as Node | null, src.data, pack);
}
