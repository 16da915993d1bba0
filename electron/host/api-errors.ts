import type { ApiErrorCode, ApiResult } from '../shared/api-types';
import { CodedError, InputError } from '../core/model/errors';

/** An error a handler raises on purpose with a given code (e.g. `unsupported` in browser mode). */
export class ApiFailure extends Error {
  constructor(readonly code: ApiErrorCode, message: string) {
    super(message);
  }
}

/**
 * Every failure becomes a value the renderer can show, with the code it was given where it
 * was made (a bad input also names its file and line); anything unexpected is `internal` with
 * its message only (stacks stay in the host's log, never cross the boundary).
 */
export function toApiError(err: unknown, log: (message: string) => void = (m) => console.error(m)): ApiResult<never> {
  if (err instanceof ApiFailure) return { ok: false, code: err.code, message: err.message };
  if (err instanceof InputError) {
    return { ok: false, code: err.code, message: err.message, file: err.file, ...(err.line !== undefined ? { line: err.line } : {}) };
  }
  if (err instanceof CodedError) return { ok: false, code: err.code, message: err.message };
  log(`countersign: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { ok: false, code: 'internal', message: `internal error: ${err instanceof Error ? err.message : String(err)}` };
}
