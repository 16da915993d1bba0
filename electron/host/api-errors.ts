import type { ApiErrorCode, ApiResult } from '../shared/api-types';
import { PolicyRefusal } from '../core/app';
import { NotFoundError } from '../core/app/review';
import { InputError, UsageError } from '../core/model/errors';

/** An error a handler raises on purpose with a given code (e.g. `unsupported` in browser mode). */
export class ApiFailure extends Error {
  constructor(readonly code: ApiErrorCode, message: string) {
    super(message);
  }
}

/**
 * Every failure becomes a value the renderer can show: bad input names its file and line,
 * a wrong passphrase and a contract refusal say so; anything unexpected is `internal` with
 * its message only (stacks stay in the host's log, never cross the boundary).
 */
export function toApiError(err: unknown, log: (message: string) => void = (m) => console.error(m)): ApiResult<never> {
  if (err instanceof ApiFailure) return { ok: false, code: err.code, message: err.message };
  if (err instanceof NotFoundError) return { ok: false, code: 'not-found', message: err.message };
  if (err instanceof PolicyRefusal) return { ok: false, code: 'conflict', message: err.message };
  if (err instanceof InputError) {
    const code: ApiErrorCode = err.reason === 'wrong passphrase' ? 'wrong-passphrase'
      : /^no (change set|key) with this (digest|id)/.test(err.reason) ? 'not-found'
      : /already (signed|trusted)/.test(err.reason) ? 'conflict'
      : 'bad-input';
    return { ok: false, code, message: err.message, file: err.file, ...(err.line !== undefined ? { line: err.line } : {}) };
  }
  if (err instanceof UsageError) return { ok: false, code: 'bad-request', message: err.message };
  log(`countersign: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { ok: false, code: 'internal', message: `internal error: ${err instanceof Error ? err.message : String(err)}` };
}
