import type { SourceExcerpt } from '../../../shared/api-types';
import { decodeText } from '../../io/decode-text';
import { secretLines } from '../../loaders/kubernetes/secret-lines';
import { InputError } from '../../model/errors';
import type { FieldPath, ResourceChange } from '../../model/resource-change';
import type { EntryPosition } from '../../loaders/terraform/entry-locations';
import { locateInEntry } from '../../loaders/terraform/locate-field';
import { valueText } from './resources';
import { NotFoundError } from './review-session';
import type { ReviewSession } from './review-session';
import { atOrBefore } from '../../base/source-order';

const DEFAULT_CONTEXT = 8;
const SECRET_LINE = '# (Secret: line hidden, its values never leave the loader; the diff shows it masked)';

/** What else a finding tells about the place it points at (a Terraform plan's excerpt needs them). */
export interface ExcerptTarget {
  /** The column of `line` (a plan written by `terraform show -json` is one line: the column tells its entries apart). */
  readonly column?: number;
  /** The field the finding blames (its explanation's `field`): highlighted in a rendered plan model. */
  readonly field?: FieldPath;
}

export type SourceExcerptView = SourceExcerpt & {
  /** How the text was made when it is not the file's own lines (and why). */
  readonly note?: string;
};

/**
 * Lines around `line` of one of the change set's stored files, for "show me the source line".
 *
 * Raw file text can hold secrets the model masks, so it is never passed through blindly:
 * - a Terraform plan carries sensitive values in clear (prior_state, before/after next to
 *   the *_sensitive markers), so its excerpt is rendered from the masked model: the resource
 *   whose entry starts at or before `line`, as pretty JSON, starting at that entry's line;
 * - in Kubernetes YAML/JSON, every line that could show a Secret's values is replaced by a
 *   placeholder, found from the parsed documents (the diff view shows that Secret masked);
 * - other files (changeset.yaml, image lists) are shown as they are.
 */
export function sourceExcerpt(session: ReviewSession, digest: string, file: string, line: number, context = DEFAULT_CONTEXT, at: ExcerptTarget = {}): SourceExcerptView {
  const stored = session.stored(digest);
  const artifact = stored.artifacts.find((a) => a.path === file || a.previous === file);
  if (artifact?.kind === 'terraform-plan') return modelExcerpt(session, digest, file, { line, column: at.column ?? 1 }, at.field, PLAN_NOTE);
  const source = session.ws.changeSets.getChangeSetSource(digest)!;
  const found = source.files.find((f) => f.path === file);
  if (!found) throw new NotFoundError(file, `is not one of the change set's files (${source.files.map((f) => f.path).join(', ')})`);
  const text = decodeText(found.bytes, file);
  const lines = text.split(/\r?\n/);
  if (line > lines.length) throw new NotFoundError(file, `has ${lines.length} lines; line ${line} is past its end`, line);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const hidden = cachedHiddenLines(`${digest}\u0000${file}`, () => hiddenLines(file, text, artifact?.kind === 'kubernetes', lines.length));
  const shown = lines.slice(first - 1, last).map((l, i) => (hidden.has(first + i) ? SECRET_LINE : l));
  return {
    file,
    firstLine: first,
    text: shown.join('\n'),
    language: /\.ya?ml$/i.test(file) ? 'yaml' : /\.json$/i.test(file) ? 'json' : 'plaintext',
    ...(shown.some((_, i) => hidden.has(first + i)) ? { note: 'Lines of Secrets are hidden (the diff shows each Secret from the masked model).' } : {}),
  };
}

/**
 * The screens ask for many excerpts of one file, and finding its Secrets means parsing it.
 * A change set's files never change under its digest, so the answer is kept for a few files.
 */
const HIDDEN_CACHE_SIZE = 8;
const hiddenCache = new Map<string, ReadonlySet<number>>();

function cachedHiddenLines(key: string, compute: () => ReadonlySet<number>): ReadonlySet<number> {
  const hit = hiddenCache.get(key);
  if (hit) return hit;
  const hidden = compute();
  hiddenCache.set(key, hidden);
  if (hiddenCache.size > HIDDEN_CACHE_SIZE) hiddenCache.delete(hiddenCache.keys().next().value!);
  return hidden;
}

/**
 * Lines that could show a Secret's values, from the parsed documents (secretLines). Any file
 * that reads as YAML/JSON is checked, not only the declared Kubernetes artifacts. A Kubernetes
 * artifact that cannot be parsed (it was when imported) is hidden whole: fail closed.
 */
function hiddenLines(file: string, text: string, kubernetes: boolean, count: number): ReadonlySet<number> {
  try {
    return secretLines(file, text);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return kubernetes ? new Set(Array.from({ length: count }, (_, i) => i + 1)) : new Set();
  }
}

const PLAN_NOTE = 'Rendered from the masked plan model (its own line numbers): a Terraform plan file can hold sensitive values in clear, so its raw lines are not shown.';

function modelExcerpt(session: ReviewSession, digest: string, file: string, at: { line: number; column: number }, field: FieldPath | undefined, note: string): SourceExcerptView {
  const { changeSet } = session.load(digest);
  // The resource whose entry holds the place: the last one starting at or before it (else the file's first).
  let best: ResourceChange | undefined;
  let first: ResourceChange | undefined;
  for (const r of changeSet.resources) {
    if (r.location.file !== file) continue;
    if (!first || atOrBefore(r.location, first.location)) first = r;
    if (atOrBefore(r.location, at) && (!best || atOrBefore(best.location, r.location))) best = r;
  }
  best ??= first;
  if (!best) return { file, firstLine: 1, text: '', language: 'json', note };
  // Rendered in the shape of a plan entry, so a field is found in it as in the plan itself
  // (locate-field.ts). Its lines are the rendering's own: the plan's may be one 60 MB line.
  const view = { address: best.address, change: { actions: best.actions, before: best.before, after: best.after } };
  const text = valueText(best, view, 'json').trimEnd();
  const found = field && field.length > 0 ? locateInEntry(file, text, RENDERED_ENTRY, best.action === 'delete' ? 'before' : 'after', field) : undefined;
  return { file, firstLine: 1, text, language: 'json', note, highlightLine: found?.line ?? 2 };
}

/** The rendered entry opens at the text's first character. */
const RENDERED_ENTRY: EntryPosition = { line: 1, column: 1, brace: { offset: 0, line: 1, column: 1 } };
