/** `publishContract` (owner E): signs a revision's publication and writes it, with the contract, to the outbox. */
import { publishContract, storedPublication } from '../../core/app';
import type { ContractRevision } from '../../core/store';
import type { ContractRevisionDto, PublicationDto } from '../../shared/api-types';
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';

export function publishHandler(ctx: AppContext): ApiHandlers['publishContract'] {
  return async ({ contract, revision, signers, notAfter }): Promise<PublicationDto> => {
    const r = await publishContract(ctx.ws, { contract, revision, signers, notAfter, outboxDir: ctx.outboxDir });
    return { revision: revisionDto(r.revision, ctx.ws.contracts.latestRevision(contract)), files: r.files, dir: ctx.outboxDir };
  };
}

function revisionDto(r: ContractRevision, latest: ContractRevision | null): ContractRevisionDto {
  return {
    id: r.id,
    contract: r.contract,
    revision: r.revision,
    digest: r.digest,
    author: r.author,
    authorKeyId: null,
    comment: '',
    createdAt: r.createdAt,
    published: r.publishedEnvelope !== null,
    publishedAt: r.publishedAt,
    notAfter: storedPublication(r)?.notAfter ?? null,
    current: latest !== null && latest.id === r.id,
  };
}
