/**
 * The syntax of Terraform reference strings (a configuration expression's `references`) and of
 * module instance addresses (`module_address`). Both come from the vendor's plan: anything
 * that is not exactly the documented syntax parses to undefined, and the caller counts it as
 * an unresolved reference (fail closed), never as another resource.
 */

/** An instance key: a count index or a for_each key; undefined for a resource without either. */
export type InstanceKey = number | string | undefined;

export type ParsedReference =
  /** A resource in the same module: `aws_s3_bucket.b`, `aws_s3_bucket.b[0].id`, `data.aws_x.y["k"]`. */
  | { readonly kind: 'resource'; readonly mode: 'managed' | 'data'; readonly type: string; readonly name: string; readonly indexed: boolean; readonly key: InstanceKey; readonly attribute: string }
  /** `module.m`, `module.m["k"].output`: something a child module computes. */
  | { readonly kind: 'module'; readonly name: string }
  /** each.key, each.value…, count.index. */
  | { readonly kind: 'each-key' | 'each-value' | 'count-index' }
  /** Values that name no resource: path.module, terraform.workspace. */
  | { readonly kind: 'constant' }
  /** var.x: the module call's argument in the parent module (followed by resource-references.ts). */
  | { readonly kind: 'var'; readonly name: string }
  /** local.x, self…: a value whose origin the plan does not show. */
  | { readonly kind: 'opaque' };

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*/;

/** A reader over one string; every step returns undefined when the text is not that syntax. */
class Cursor {
  i = 0;
  constructor(readonly text: string) {}
  ident(): string | undefined {
    const m = IDENT.exec(this.text.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }
  eat(ch: string): boolean {
    if (this.text[this.i] !== ch) return false;
    this.i++;
    return true;
  }
  done(): boolean {
    return this.i === this.text.length;
  }
  /** `[0]` or `["key"]` (a JSON string); undefined when there is no bracket, null when it is malformed. */
  key(): InstanceKey | null | undefined {
    if (this.text[this.i] !== '[') return undefined;
    const close = this.text[this.i + 1] === '"' ? stringEnd(this.text, this.i + 1) : this.text.indexOf(']', this.i);
    if (close < 0 || this.text[close] !== ']') return null;
    const inner = this.text.slice(this.i + 1, close);
    this.i = close + 1;
    if (/^(0|[1-9][0-9]{0,8})$/.test(inner)) return Number(inner);
    if (inner.startsWith('"')) {
      try {
        const key: unknown = JSON.parse(inner);
        return typeof key === 'string' ? key : null;
      } catch {
        return null;
      }
    }
    return null;
  }
}

/** Index just past the closing quote of the JSON string starting at `open`, or -1. */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return -1;
}

/** Parses one `references` entry; undefined when it is not a reference Terraform writes. */
export function parseReference(text: string): ParsedReference | undefined {
  const c = new Cursor(text);
  const root = c.ident();
  if (root === undefined) return undefined;
  switch (root) {
    case 'var': {
      const name = c.eat('.') ? c.ident() : undefined;
      return name === undefined ? { kind: 'opaque' } : { kind: 'var', name };
    }
    case 'local': case 'self':
      return { kind: 'opaque' };
    case 'path': case 'terraform':
      return { kind: 'constant' };
    case 'each': {
      if (!c.eat('.')) return undefined;
      const what = c.ident();
      return what === 'key' ? (c.done() ? { kind: 'each-key' } : undefined) : what === 'value' ? { kind: 'each-value' } : undefined;
    }
    case 'count':
      return c.eat('.') && c.ident() === 'index' && c.done() ? { kind: 'count-index' } : undefined;
    case 'module': {
      if (!c.eat('.')) return undefined;
      const name = c.ident();
      return name === undefined ? undefined : { kind: 'module', name };
    }
    default: {
      let mode: 'managed' | 'data' = 'managed';
      let type: string | undefined = root;
      if (root === 'data') {
        mode = 'data';
        if (!c.eat('.')) return undefined;
        type = c.ident();
        if (type === undefined) return undefined;
      }
      if (!c.eat('.')) return undefined;
      const name = c.ident();
      if (name === undefined) return undefined;
      const key = c.key();
      if (key === null) return undefined;
      let attribute = '';
      if (c.eat('.')) {
        attribute = c.ident() ?? '';
        if (attribute === '') return undefined;
      } else if (!c.done()) {
        return undefined;
      }
      return { kind: 'resource', mode, type, name, indexed: key !== undefined, key, attribute };
    }
  }
}

/** One step of a module instance address: the call name and its instance key. */
export interface ModuleStep {
  readonly name: string;
  readonly key: InstanceKey;
  /** Where the step starts in the address (its parent is the text before, minus the dot). */
  readonly at: number;
}

/** `module.a["k"].module.b[0]` → its steps; [] for ''; undefined when malformed. */
export function parseModuleAddress(address: string): ModuleStep[] | undefined {
  if (address === '') return [];
  const c = new Cursor(address);
  const steps: ModuleStep[] = [];
  for (;;) {
    const at = c.i;
    if (c.ident() !== 'module' || !c.eat('.')) return undefined;
    const name = c.ident();
    if (name === undefined) return undefined;
    const key = c.key();
    if (key === null) return undefined;
    steps.push({ name, key, at });
    if (c.done()) return steps;
    if (!c.eat('.')) return undefined;
  }
}

/** The address of a module instance's child call (every instance of it): `module.a["k"].module.b`. */
export function childModulePrefix(moduleAddress: string, call: string): string {
  return moduleAddress === '' ? `module.${call}` : `${moduleAddress}.module.${call}`;
}
