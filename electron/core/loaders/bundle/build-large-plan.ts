import { decodeText } from '../../io/decode-text';
import { EMPTY_METADATA } from '../../model/changeset';
import type { ChangeSet, ListedFile } from '../../model/changeset';
import { extractImages } from '../images';
import { isTerraformPlan } from '../terraform';
import { loneCarriageReturnAt } from '../terraform/parse-plan-json';
import { normalizeLocatedPlan } from '../terraform/normalize-plan';
import { startPlanCheck } from '../terraform/plan-check-worker';
import type { PlanCheck } from '../terraform/plan-check-worker';
import { scanPlanLayout } from '../terraform/plan-layout';
import { buildChangeSet } from './build';
import { changeSetDigest, rememberListing } from './digest';
import { SHARED_READ_MIN_BYTES } from './read-bare';
import type { ChangeSetSource } from './types';

/** A change set whose input is still being checked: use it only once `verified` resolves. */
export interface PendingChangeSet {
  readonly changeSet: ChangeSet;
  /** Resolves when the whole input is known valid; rejects with the error buildChangeSet gives. */
  readonly verified: Promise<void>;
}

/** Top-level members the main thread parses itself: the ones the loader reads, and small ones. */
const PARSE_HERE = new Set(['resource_changes', 'resource_drift', 'format_version']);
const SMALL_MEMBER = 4096;

/**
 * The same change set as buildChangeSet, faster for one big bare Terraform plan (issue 2): the
 * main thread parses only `resource_changes` / `resource_drift` (a third of a typical plan)
 * and normalizes and evaluates them, while a worker thread hashes the file and checks that
 * the rest (planned_values, prior_state, configuration) is valid JSON, as JSON.parse would
 * (plan-check-worker.ts, json-validity.ts), so that the whole file is proven valid JSON.
 * Nothing may be reported before `verified` resolves (fail closed).
 *
 * Returns undefined when the input is not that case (several files, a bundle, a small or
 * non-UTF-8 file, bytes not in shared memory): the caller uses buildChangeSet. On any error
 * the answer comes from buildChangeSet too, so errors are exactly the ordinary ones.
 */
export async function buildLargePlanChangeSet(source: ChangeSetSource): Promise<PendingChangeSet | undefined> {
  const file = source.files[0];
  if (source.manifest || source.files.length !== 1 || !file) return undefined;
  const bytes = file.bytes;
  if (bytes.length < SHARED_READ_MIN_BYTES || !(bytes.buffer instanceof SharedArrayBuffer)) return undefined;
  // UTF-16 plans (rare, and never this big in practice) take the ordinary path.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;

  let check: PlanCheck | undefined;
  let pending: PendingChangeSet | undefined;
  try {
    check = startPlanCheck(bytes, start);
    pending = await buildInParallel(source, file.path, bytes, check);
  } catch {
    // Bad input (or anything unexpected): the ordinary path below gives the exact, familiar error.
  }
  if (pending) return pending;
  check?.stop();
  return { changeSet: buildChangeSet(source), verified: Promise.resolve() };
}

/** undefined: not a plan this path handles (the ordinary path decides what it is). */
async function buildInParallel(source: ChangeSetSource, path: string, bytes: Uint8Array, check: PlanCheck): Promise<PendingChangeSet | undefined> {
  const text = decodeText(bytes, path);
  // A lone carriage return: the ordinary path refuses it with its line (parse-plan-json.ts).
  if (firstNonSpace(text) !== '{' || loneCarriageReturnAt(text) >= 0) return undefined;
  const layout = scanPlanLayout(text);
  if (!layout) return undefined;
  // Send the worker its share first, so that it checks it while this thread does the rest.
  const elsewhere = new Set(layout.members.filter((m) => !PARSE_HERE.has(m.key) && m.end - m.start > SMALL_MEMBER));
  const valid = check.check([...elsewhere].map((m) => [m.start, m.end] as const));
  valid.catch(() => undefined);

  // The top-level object as JSON.parse would build it, minus the members the worker checks
  // (present as null: the loader only asks whether they exist).
  const plan: Record<string, unknown> = {};
  for (const m of layout.members) plan[m.key] = elsewhere.has(m) ? null : JSON.parse(text.slice(m.start, m.end));
  if (!isTerraformPlan(plan)) return undefined;
  // Parsed only if a policy reads references (and then on this thread: it is needed at once).
  const configuration = layout.members.filter((m) => m.key === 'configuration').at(-1);
  const readConfiguration = (): unknown => (configuration && elsewhere.has(configuration) ? JSON.parse(text.slice(configuration.start, configuration.end)) : plan.configuration);
  const resources = normalizeLocatedPlan(path, plan, () => layout.locations, { component: '', configuration: readConfiguration });
  const sha256 = await check.sha256;
  const files: ListedFile[] = [{ path, sha256, bytes: bytes.length }];
  rememberListing(source.files, files);
  const changeSet: ChangeSet = {
    digest: changeSetDigest(files),
    metadata: EMPTY_METADATA,
    artifacts: [{ kind: 'terraform-plan', path, component: '', sha256, bytes: bytes.length, resourceCount: resources.length }],
    files,
    resources: [...resources, ...extractImages(resources)],
    origin: source.origin,
  };
  // Invalid JSON somewhere, or the worker died: the ordinary path gives the error (or, should
  // the worker have been wrong, proves the input fine).
  const verified = valid.then((ok) => ok, () => false).then((ok) => { if (!ok) buildChangeSet(source); });
  // Marks the rejection handled; whoever awaits `verified` still gets it.
  verified.catch(() => undefined);
  return { changeSet, verified };
}

function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\ufeff') return c;
  }
  return undefined;
}
