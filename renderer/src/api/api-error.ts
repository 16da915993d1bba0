/**
 * A failed API call inside the renderer: the code and fields the host sent, unchanged. Kept
 * apart from client.ts (which reaches for `window`) so it runs under Node in unit tests.
 */
import type { ApiErrorCode, ApiResult } from '../../../electron/shared/api-types';

type ApiFailureValue = Extract<ApiResult<unknown>, { ok: false }>;

/** Thrown inside react-query so screens can act on `code` (and `file`/`line`); never crosses the boundary. */
export class ApiError extends Error {
  constructor(readonly code: ApiErrorCode, message: string, readonly file?: string, readonly line?: number) {
    super(message);
  }

  static of(r: ApiFailureValue): ApiError {
    return new ApiError(r.code, r.message, r.file, r.line);
  }
}

/** Unwraps a result for react-query: ok → value, error → ApiError. */
export async function unwrap<T>(p: Promise<ApiResult<T>>): Promise<T> {
  const r = await p;
  if (r.ok) return r.value;
  throw ApiError.of(r);
}
