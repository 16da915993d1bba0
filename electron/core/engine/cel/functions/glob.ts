import { SYNC } from './sync';
import type { Environment } from '@marcbachmann/cel-js';
import { compileGlob as compileBaseGlob, glob as baseGlob, GlobError } from '../../../base/glob';
import { CelFunctionError, quote } from '../function-error';

export { globToRE2 } from '../../../base/glob';

/** The base glob's errors as CEL function errors, so the evaluator reports them as `error` findings. */
function asCelError<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof GlobError) throw new CelFunctionError(err.message);
    throw err;
  }
}

/** A compiled glob (see base/glob.ts); a bad pattern is a CelFunctionError. */
export function compileGlob(pattern: string): (s: string) => boolean {
  return asCelError(() => compileBaseGlob(pattern));
}

export function glob(pattern: string, s: string): boolean {
  return asCelError(() => baseGlob(pattern, s));
}

export function globAny(patterns: readonly unknown[], s: string): boolean {
  return patterns.some((p) => {
    if (typeof p !== 'string') throw new CelFunctionError(`globAny: patterns must be strings, got ${quote(p)}`);
    return glob(p, s);
  });
}

export function registerGlobFunctions(env: Environment): void {
  env.registerFunction('glob(string, string): bool', glob, SYNC);
  env.registerFunction('globAny(list, string): bool', globAny, SYNC);
}
