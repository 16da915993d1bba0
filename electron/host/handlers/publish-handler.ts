/** `publishContract` (owner E): signs a revision's publication and writes it, with the contract, to the outbox. */
import { publishContract } from '../../core/app';
import { revisionDto } from '../../core/app/contract-editor/revisions';
import type { PublicationDto } from '../../shared/api-types';
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';

export function publishHandler(ctx: AppContext): ApiHandlers['publishContract'] {
  return async ({ contract, revision, signers, notAfter }): Promise<PublicationDto> => {
    const r = await publishContract(ctx.ws, { contract, revision, signers, notAfter, outboxDir: ctx.outboxDir });
    return { revision: revisionDto(r.revision, ctx.ws.contracts.latestRevision(contract)?.id === r.revision.id), files: r.files, dir: ctx.outboxDir };
  };
}
