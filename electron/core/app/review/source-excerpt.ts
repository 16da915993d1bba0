import type { SourceExcerpt } from '../../../shared/api-types';
import { decodeText } from '../../io/decode-text';
import type { ResourceChange } from '../../model/resource-change';
import { valueText } from './resources';
import { NotFoundError } from './review-session';
import type { ReviewSession } from './review-session';

const DEFAULT_CONTEXT = 8;
const SECRET_LINE = '# (Secret: hidden here, its values never leave the loader; the diff shows it masked)';

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
 * - in Kubernetes YAML, every line of a `kind: Secret` document is replaced by a placeholder
 *   (the diff view shows that Secret from the masked model);
 * - other files (changeset.yaml, image lists) are shown as they are.
 */
export function sourceExcerpt(session: ReviewSession, digest: string, file: string, line: number, context = DEFAULT_CONTEXT): SourceExcerptView {
  const stored = session.stored(digest);
  const artifact = stored.artifacts.find((a) => a.path === file || a.previous === file);
  if (artifact?.kind === 'terraform-plan') return modelExcerpt(session, digest, file, line, PLAN_NOTE);
  const source = session.ws.changeSets.getChangeSetSource(digest)!;
  const found = source.files.find((f) => f.path === file);
  if (!found) throw new NotFoundError(file, `is not one of the change set's files (${source.files.map((f) => f.path).join(', ')})`);
  const text = decodeText(found.bytes, file);
  if (artifact?.kind === 'kubernetes' && /^\s*[[{]/.test(text) && /"kind"\s*:\s*"Secret"/.test(text)) {
    return modelExcerpt(session, digest, file, line, 'Rendered from the masked model: this JSON file holds a Secret, so its raw lines are not shown.');
  }
  const lines = text.split(/\r?\n/);
  if (line > lines.length) throw new NotFoundError(file, `has ${lines.length} lines; line ${line} is past its end`, line);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const kubernetes = artifact?.kind === 'kubernetes' || /\.ya?ml$/i.test(file);
  const shown = kubernetes ? hideSecretDocuments(lines) : lines;
  return {
    file,
    firstLine: first,
    text: shown.slice(first - 1, last).join('\n'),
    language: /\.ya?ml$/i.test(file) ? 'yaml' : /\.json$/i.test(file) ? 'json' : 'plaintext',
    ...(shown.slice(first - 1, last).includes(SECRET_LINE) ? { note: 'Lines of Secret documents are hidden.' } : {}),
  };
}

const PLAN_NOTE = 'Rendered from the masked plan model: a Terraform plan file can hold sensitive values in clear, so its raw lines are not shown.';

function modelExcerpt(session: ReviewSession, digest: string, file: string, line: number, note: string): SourceExcerptView {
  const { changeSet } = session.load(digest);
  // The resource whose entry holds `line`: the last one starting at or before it (else the file's first).
  let best: ResourceChange | undefined;
  let first: ResourceChange | undefined;
  for (const r of changeSet.resources) {
    if (r.location.file !== file) continue;
    if (!first || r.location.line < first.location.line) first = r;
    if (r.location.line <= line && (!best || r.location.line > best.location.line)) best = r;
  }
  best ??= first;
  if (!best) return { file, firstLine: line, text: '', language: 'json', note };
  const view = { address: best.address, actions: best.actions, before: best.before, after: best.after };
  return { file, firstLine: best.location.line, text: valueText(best, view, 'json').trimEnd(), language: 'json', note };
}

/** Same number of lines (line numbers stay right); every line of a Secret document replaced. */
function hideSecretDocuments(lines: readonly string[]): readonly string[] {
  const out = [...lines];
  let start = 0;
  const flush = (end: number): void => {
    const isSecret = out.slice(start, end).some((l) => /^\s*(-\s+)?kind:\s*["']?Secret["']?\s*(#.*)?$/.test(l));
    if (isSecret) for (let i = start; i < end; i++) out[i] = SECRET_LINE;
  };
  for (let i = 0; i < out.length; i++) {
    if (/^---/.test(out[i]!)) {
      flush(i);
      start = i + 1;
    }
  }
  flush(out.length);
  return out;
}
