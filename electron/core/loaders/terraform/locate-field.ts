import type { FieldPath, SourceLocation } from '../../model/resource-change';
import type { EntryPosition, TextOffset } from './entry-locations';
import { lastMember, member, nthItem, positionOf } from './json-text-scan';

/**
 * First step of a policy `path` naming a field of the plan entry itself rather than of
 * `after`/`before`: `["@entry", "change", "actions"]` points at the entry's `change.actions`
 * (what db-no-replace blames for a replacement). No Terraform attribute can be called
 * `@entry` (provider schemas name attributes with identifiers), so the convention cannot
 * shadow a real attribute of a plan Terraform wrote; in a hand-made plan that has one, the
 * location still lies inside the same entry.
 */
export const ENTRY_STEP = '@entry';

const OPEN_BRACE = 123, OPEN_BRACKET = 91;

/** How far a path got: the offset of the deepest step found, and how many steps that was. */
interface Reach {
  readonly offset: number;
  readonly steps: number;
}

/**
 * The location of the field `path` names in a `resource_changes` / `resource_drift` entry:
 * inside `change.after` (`change.before` when `side` is 'before'), or inside the entry itself
 * after ENTRY_STEP. An object member points at its key (the attribute's line), a list item at
 * its value. A path found only in part points at its deepest existing step (as Kubernetes
 * locations do); a path of which no step exists in `after` is looked up in
 * `change.after_unknown` (a value known only after apply is absent from `after`); nothing
 * found gives undefined, and the caller points at the entry.
 *
 * Duplicate keys: the last one counts, as JSON.parse keeps it. Keys with escapes compare by
 * their decoded text. The scan reads only this entry's text, once per call, with no
 * allocation beyond escaped keys: import pays nothing, and a finding pays for its entry only.
 * The text is the text JSON.parse accepted; on any other, every index is bounds-checked and
 * the worst outcome is undefined.
 */
export function locateInEntry(
  file: string, text: string, entry: EntryPosition, side: 'after' | 'before', path: FieldPath, memo?: LocateMemo,
): SourceLocation | undefined {
  const start = entry.brace.offset;
  let reach: Reach | undefined;
  if (path[0] === ENTRY_STEP) {
    reach = descend(text, start, path, 1);
    if (reach.steps <= 1) return undefined;
  } else {
    const change = entry.change ?? member(text, start, 'change');
    if (change < 0 || path.length === 0) return undefined;
    reach = descendFrom(text, change, side, path, memo);
    if (side === 'after' && reach.steps === 0) reach = descendFrom(text, change, 'after_unknown', path, memo);
    if (reach.steps === 0) return undefined;
  }
  if (!memo) return positionOf(file, text, entry, reach.offset);
  // Counting lines on from the last field located in this entry, when it lies before this one.
  const from = memo.position !== undefined && memo.position.offset <= reach.offset ? memo.position : undefined;
  const at = positionOf(file, text, entry, reach.offset, from);
  memo.position = { offset: reach.offset, line: at.line, column: at.column };
  return at;
}

/**
 * What locating one field of an entry found that the next field located in it can start from:
 * most resources with findings have several (a 15k-resource plan: 4,700 of its 7,700 findings
 * are the second or later on their resource), and each search otherwise scanned the entry's
 * `change` object for `after` (past the whole `before`) and counted lines from the entry's
 * brace again. Owned by one entry's text; answers stay those of a search without it.
 */
export interface LocateMemo {
  /** Offset of the value of `change`'s last member of that name (-1: none). */
  after?: number;
  before?: number;
  after_unknown?: number;
  /** The last field located: its offset and position. */
  position?: TextOffset;
}

function descendFrom(text: string, change: number, key: 'after' | 'before' | 'after_unknown', path: FieldPath, memo: LocateMemo | undefined): Reach {
  let value = memo?.[key];
  if (value === undefined) {
    value = member(text, change, key);
    if (memo) memo[key] = value;
  }
  return value < 0 ? { offset: -1, steps: 0 } : descend(text, value, path, 0);
}

/** Follows `path` from step `first` on, starting at the value opening at `at`. */
function descend(text: string, at: number, path: FieldPath, first: number): Reach {
  let offset = at;
  let steps = first;
  let value = at;
  for (let k = first; k < path.length; k++) {
    const step = path[k]!;
    const c = text.charCodeAt(value);
    if (typeof step === 'string' && c === OPEN_BRACE) {
      const found = lastMember(text, value, step);
      if (found === undefined) break;
      offset = found.key;
      value = found.value;
    } else if (typeof step === 'number' && c === OPEN_BRACKET) {
      const item = nthItem(text, value, step);
      if (item < 0) break;
      offset = item;
      value = item;
    } else {
      break;
    }
    steps = k + 1;
  }
  return { offset, steps };
}
