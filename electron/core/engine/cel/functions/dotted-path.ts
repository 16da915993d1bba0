import { CelFunctionError, quote } from '../function-error';

type Step = string | number;

const PATH_CACHE_LIMIT = 2000;
const pathCache = new Map<string, readonly Step[]>();

/**
 * Parses `a.b[0].c` and `metadata.labels["app.kubernetes.io/name"]` into steps. Paths are
 * mostly literals in policies, so parsed forms are cached.
 */
export function parseDottedPath(path: string): readonly Step[] {
  const hit = pathCache.get(path);
  if (hit) return hit;
  const steps: Step[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new CelFunctionError(`lookup path ${quote(path)}: ${why} at offset ${i}`);
  };
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      if (i === 0 || i === path.length - 1) fail('empty key');
      i++;
      if (path[i] === '.' || path[i] === '[') fail('empty key');
      continue;
    }
    if (ch === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) fail('missing ]');
      const inner = path.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) steps.push(Number(inner));
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner) || /^'[^']*'$/.test(inner)) steps.push(inner.startsWith('"') ? JSON.parse(inner) as string : inner.slice(1, -1));
      else fail('index must be a number or a quoted key');
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    steps.push(path.slice(i, end));
    i = end;
  }
  if (pathCache.size >= PATH_CACHE_LIMIT) pathCache.clear();
  pathCache.set(path, steps);
  return steps;
}

