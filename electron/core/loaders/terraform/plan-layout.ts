import type { EntryLocations, EntryPosition, TextOffset, TextPosition } from './entry-locations';
import { closingQuote, entryPosition, MAX_NESTING } from './entry-locations';

/** One member of the plan's top-level object: its key and the [start, end) range of its value text. */
export interface PlanMember {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** The plan's top-level members (in text order, repeats included) and where each entry starts. */
export interface PlanLayout {
  readonly members: readonly PlanMember[];
  readonly locations: EntryLocations;
}

const QUOTE = 34, COMMA = 44, COLON = 58, NEWLINE = 10;
const OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;

/** Thrown inside the scan for any text that is not the simple shape; scanPlanLayout returns undefined. */
class NotSimple extends Error {}

/**
 * Splits plan text into its top-level members without parsing their values, so that a caller
 * can JSON.parse only the members it needs and have the rest checked elsewhere (in parallel).
 *
 * Soundness: the skeleton between members (`{`, keys, `:`, `,`, `}`, whitespace, end of text)
 * is checked strictly here, and every key is a JSON string that JSON.parse accepted. So when
 * each member's value text is, on its own, a valid JSON value, the whole text is valid JSON
 * and JSON.parse of it gives the same members. Any text that is not that simple shape (syntax
 * errors, nesting deeper than MAX_NESTING, a `__proto__` key, no top-level object) gives
 * undefined: the caller then takes the ordinary path, which reports the exact error.
 *
 * Also records where each `resource_changes` / `resource_drift` entry starts, with the same
 * rule as scanEntryLocations (its "address" key, else its "type" key, else its brace), for
 * the last occurrence of each key (JSON.parse keeps the last one too).
 */
export function scanPlanLayout(text: string): PlanLayout | undefined {
  try {
    return new LayoutScan(text).run();
  } catch (err) {
    if (err instanceof NotSimple) return undefined;
    throw err;
  }
}

class LayoutScan {
  private line = 1;
  private lineStart: number;
  private i: number;
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
    // A leading BOM is not a column anyone sees.
    this.lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.i = this.lineStart;
  }

  run(): PlanLayout {
    const members: PlanMember[] = [];
    let changes: EntryPosition[] = [];
    let drift: EntryPosition[] = [];
    this.skipWhitespace();
    this.expect(OPEN_BRACE);
    this.skipWhitespace();
    if (this.at() === CLOSE_BRACE) {
      this.i++;
    } else {
      for (;;) {
        const key = this.key();
        this.skipWhitespace();
        this.expect(COLON);
        this.skipWhitespace();
        const start = this.i;
        if ((key === 'resource_changes' || key === 'resource_drift') && this.at() === OPEN_BRACKET) {
          const found = this.entryList();
          if (key === 'resource_changes') changes = found;
          else drift = found;
        } else {
          this.value(1);
        }
        members.push({ key, start, end: this.i });
        this.skipWhitespace();
        const c = this.at();
        this.i++;
        if (c === CLOSE_BRACE) break;
        if (c !== COMMA) throw new NotSimple();
        this.skipWhitespace();
      }
    }
    this.skipWhitespace();
    if (this.i !== this.n) throw new NotSimple();
    return { members, locations: { text: this.text, resourceChanges: changes, resourceDrift: drift } };
  }

  /** The list's entries (at depth 2; each entry object at depth 3). */
  private entryList(): EntryPosition[] {
    const found: EntryPosition[] = [];
    this.i++;
    this.skipWhitespace();
    if (this.at() === CLOSE_BRACKET) {
      this.i++;
      return found;
    }
    for (;;) {
      if (this.at() === OPEN_BRACE) found.push(this.entry());
      else this.value(2);
      this.skipWhitespace();
      const c = this.at();
      this.i++;
      if (c === CLOSE_BRACKET) return found;
      if (c !== COMMA) throw new NotSimple();
      this.skipWhitespace();
    }
  }

  /** One entry object: returns its best position. */
  private entry(): EntryPosition {
    const brace: TextOffset = { ...this.here(this.i), offset: this.i };
    let type: TextPosition | undefined;
    let address: TextPosition | undefined;
    let change: number | undefined;
    this.i++;
    this.skipWhitespace();
    if (this.at() === CLOSE_BRACE) {
      this.i++;
      return entryPosition(brace, brace);
    }
    for (;;) {
      const keyAt = this.i;
      const key = this.key();
      if (key === 'address') address = this.here(keyAt);
      else if (key === 'type') type = this.here(keyAt);
      this.skipWhitespace();
      this.expect(COLON);
      this.skipWhitespace();
      if (key === 'change') change = this.i;
      this.value(3);
      this.skipWhitespace();
      const c = this.at();
      this.i++;
      if (c === CLOSE_BRACE) return entryPosition(address ?? type ?? brace, brace, change);
      if (c !== COMMA) throw new NotSimple();
      this.skipWhitespace();
    }
  }

  /** A string key, checked by JSON.parse (Terraform keys are short). */
  private key(): string {
    if (this.at() !== QUOTE) throw new NotSimple();
    const open = this.i;
    const close = closingQuote(this.text, open);
    if (close < 0) throw new NotSimple();
    this.i = close + 1;
    let key: unknown;
    try {
      key = JSON.parse(this.text.slice(open, close + 1));
    } catch {
      throw new NotSimple();
    }
    // An own "__proto__" member is something a plain assignment cannot rebuild.
    if (typeof key !== 'string' || key === '__proto__') throw new NotSimple();
    return key;
  }

  /** Skips one value whose container (if any) sits `depth` levels deep; its text is checked elsewhere. */
  private value(depth: number): void {
    const c = this.at();
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.i = this.skipContainer(depth) + 1;
    } else if (c === QUOTE) {
      const close = closingQuote(this.text, this.i);
      if (close < 0) throw new NotSimple();
      this.i = close + 1;
    } else {
      // A number, true, false or null: up to the next delimiter.
      const start = this.i;
      while (this.i < this.n && !isDelimiter(this.text.charCodeAt(this.i))) this.i++;
      if (this.i === start) throw new NotSimple();
    }
  }

  /** Index of the bracket closing the container at `this.i`; counts lines; bounds nesting. */
  private skipContainer(depth: number): number {
    const text = this.text;
    const n = this.n;
    let level = 0;
    for (let i = this.i; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i = closingQuote(text, i);
        if (i < 0) break;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (depth + ++level > MAX_NESTING) throw new NotSimple();
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--level === 0) return i;
      } else if (c === NEWLINE) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    throw new NotSimple();
  }

  private skipWhitespace(): void {
    for (; this.i < this.n; this.i++) {
      const c = this.text.charCodeAt(this.i);
      if (c === NEWLINE) {
        this.line++;
        this.lineStart = this.i + 1;
      } else if (c !== 32 && c !== 9 && c !== 13) {
        return;
      }
    }
  }

  private at(): number {
    return this.text.charCodeAt(this.i);
  }

  private expect(c: number): void {
    if (this.at() !== c) throw new NotSimple();
    this.i++;
  }

  private here(at: number): TextPosition {
    return { line: this.line, column: at - this.lineStart + 1 };
  }
}

function isDelimiter(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === 32 || c === 10 || c === 13 || c === 9;
}

