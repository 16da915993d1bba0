import { ApiFailure } from '../api-errors';

/** Placeholder while the contract editor lands (issue 9): answers `unsupported`, never pretends. */
export function notBuilt(method: string): () => never {
  return () => {
    throw new ApiFailure('unsupported', `${method} is not available in this build yet`);
  };
}
