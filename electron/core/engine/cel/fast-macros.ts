import { admit, bail } from './fast-values';
import type { Evaluator } from './fast-values';
import type { Fast, Frame } from './fast-operators';

/**
 * The list macros of the fast program (fast-program.ts) as plain loops: `kind` is the macro and
 * how many expressions follow its variable (`map/2` is map(x, filter, transform)). The variable
 * lives in `slot` of the frame. A receiver that is not a list (a map: its keys) and any element
 * or result the loop cannot judge give up (bail): cel-js decides, errors and all.
 */
export function comprehensionOf(kind: string, receiver: Fast, parts: readonly Fast[], slot: number, ev: Evaluator): Fast | undefined {
  const body = parts[0] as Fast;
  const items = (f: Frame): unknown[] => {
    const list = receiver(f);
    return Array.isArray(list) ? list : bail();
  };
  switch (kind) {
    case 'all/1':
    case 'exists/1': {
      const decisive = kind === 'exists/1';
      return (f) => {
        for (const item of items(f)) {
          f.vars[slot] = admit(item, ev);
          const r = body(f);
          if (r === decisive) return decisive;
          if (r !== !decisive) bail();
        }
        return !decisive;
      };
    }
    case 'exists_one/1':
      return (f) => {
        let count = 0;
        for (const item of items(f)) {
          f.vars[slot] = admit(item, ev);
          const r = body(f);
          if (r === true) count++;
          else if (r !== false) bail();
        }
        return count === 1;
      };
    case 'filter/1':
      return (f) => {
        const out: unknown[] = [];
        for (const item of items(f)) {
          f.vars[slot] = admit(item, ev);
          const r = body(f);
          if (r === true) out.push(item);
          else if (r !== false) bail();
        }
        return out;
      };
    case 'map/1':
      return (f) => {
        const list = items(f);
        const out = new Array<unknown>(list.length);
        for (let i = 0; i < list.length; i++) {
          f.vars[slot] = admit(list[i], ev);
          out[i] = body(f);
        }
        return out;
      };
    case 'map/2': {
      const transform = parts[1] as Fast;
      return (f) => {
        const out: unknown[] = [];
        for (const item of items(f)) {
          f.vars[slot] = admit(item, ev);
          const keep = body(f);
          if (keep === true) out.push(transform(f));
          else if (keep !== false) bail();
        }
        return out;
      };
    }
    default:
      return undefined;
  }
}
