/**
 * Display labels (issue 11): a reviewer may name a change set the vendor's files do not name
 * (bare Terraform plans, Kubernetes manifests): vendor, app, install and release. They are for
 * the screen only. The digest, contract selection (by the stored vendor/install), policies,
 * `verify` and the outbox read the change set's own stored metadata and never these labels, so
 * a label edit cannot switch the contract that judges a change set.
 *
 * A label only fills a field the vendor's changeset.yaml leaves empty: one that could stand in
 * for the vendor's own statement (say "acme" over a manifest that says "evil") would mislead the
 * reviewer, so it is refused (fail closed).
 */
import { InputError, NotFoundError } from '../model/errors';
import type { ChangeSetMetadata } from '../model/changeset';
import { printable } from '../model/printable-text';
import { displayLabelProblem, MAX_LABEL_CHARS } from '../model/display-label';
import { ChangeSetLabelRepository, LABEL_FIELDS, NO_LABELS } from '../store/change-set-labels';
import type { ChangeSetLabels, LabelField } from '../store/change-set-labels';
import type { Workspace } from '../store';

export { LABEL_FIELDS, MAX_LABEL_CHARS, NO_LABELS };
export type { ChangeSetLabels, LabelField };

type LabelMetadata = Pick<ChangeSetMetadata, LabelField>;

/** What the screen shows of a change set's name: its own metadata, where empty the labels, and a title. */
export interface ChangeSetDisplay {
  /** The app (label or metadata), else the names of its files ("plan.json", "a.yaml + 2 more"). */
  readonly title: string;
  readonly vendor: string;
  readonly app: string;
  readonly install: string;
  readonly release: string;
  /** The fields shown from a reviewer's label rather than the vendor's metadata. */
  readonly labelled: readonly LabelField[];
  /** The fields the vendor's metadata leaves empty: the only ones a label may set. */
  readonly editable: readonly LabelField[];
  readonly labels: ChangeSetLabels;
}

const repositories = new WeakMap<Workspace, ChangeSetLabelRepository>();

/** The workspace's label store (one per open workspace). */
export function labelStore(ws: Workspace): ChangeSetLabelRepository {
  let r = repositories.get(ws);
  if (!r) repositories.set(ws, (r = new ChangeSetLabelRepository(ws.db, ws.audit, () => new Date())));
  return r;
}

/**
 * Sets some labels of a stored change set (the fields given; '' clears one), audited. Refuses
 * (InputError, nothing stored) a label over a field the vendor's metadata states, an
 * over-long one, and one with control or format characters (escapes, bidi overrides,
 * zero-width characters, line breaks).
 */
export function setChangeSetLabels(ws: Workspace, digest: string, input: Partial<Record<LabelField, string>>): ChangeSetDisplay {
  const stored = ws.changeSets.getChangeSet(digest);
  if (!stored) throw new NotFoundError(digest, 'no change set with this digest in the workspace');
  const store = labelStore(ws);
  const next: Record<LabelField, string> = { ...store.get(digest) };
  for (const field of LABEL_FIELDS) {
    const raw = input[field];
    if (raw === undefined) continue;
    const value = checkedLabel(field, raw);
    if (value !== '' && stored.metadata[field] !== '') {
      throw new InputError(`${field} label`, `the vendor's changeset.yaml states ${field} '${printable(stored.metadata[field])}'; a display label only names what the vendor's files leave unnamed`);
    }
    next[field] = value;
  }
  const { labels } = store.set(digest, next);
  return changeSetDisplay(stored.metadata, labels, stored.artifacts.map((a) => a.path));
}

/** The label as kept (trimmed), or an InputError naming the field. */
export function checkedLabel(field: LabelField, raw: string): string {
  const problem = displayLabelProblem(raw);
  if (problem !== null) throw new InputError(`${field} label`, problem);
  return raw.trim();
}

/** What the screen shows: metadata first, labels only where it is empty, the files' names as the last resort. */
export function changeSetDisplay(metadata: LabelMetadata, labels: ChangeSetLabels, files: readonly string[]): ChangeSetDisplay {
  const labelled: LabelField[] = [];
  const editable = LABEL_FIELDS.filter((f) => metadata[f] === '');
  const shown = {} as Record<LabelField, string>;
  for (const f of LABEL_FIELDS) {
    const useLabel = metadata[f] === '' && labels[f] !== '';
    if (useLabel) labelled.push(f);
    shown[f] = useLabel ? labels[f] : metadata[f];
  }
  return { title: shown.app || filesTitle(files), ...shown, labelled, editable, labels };
}

/** "plan.json", "a.yaml, b.yaml", "a.yaml + 3 more files": a name for what was imported. */
export function filesTitle(files: readonly string[]): string {
  const names = [...new Set(files.map((f) => f.split('/').at(-1) ?? f))];
  if (names.length === 0) return '(no files)';
  if (names.length <= 2) return names.join(', ');
  return `${names[0]} + ${names.length - 1} more files`;
}
