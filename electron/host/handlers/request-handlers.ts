/** Issue 10 (request): signing requests and received attestations. */
import { basename, dirname } from 'node:path';
import { buildSigningRequest, writeAttestationFile, writeSigningRequest } from '../../core/app';
import { judgeCurrent } from '../../core/app/review-context';
import { outboxFolderFor } from '../../core/app/outbox-layout';
import type { ApiHandlers } from '../api-handlers';
import type { AppContext } from '../app-context';

export function requestHandlers(ctx: AppContext): Pick<ApiHandlers, 'exportSigningRequest' | 'coSignStatus'> {
  const { ws, session } = ctx;
  return {
    /** Writes the request into the change set's outbox folder (owner-only; outbox-layout.ts). */
    exportSigningRequest: async ({ digest, note }) => {
      const built = buildSigningRequest(ws, { digest, ...(note !== undefined ? { note } : {}) });
      const path = writeSigningRequest(outboxFolderFor(ws, ctx.outboxDir, built.request.changeSet.digest, 'per-change-set'), built);
      // The desktop app also offers a place to save a copy (a shared folder, a USB stick).
      const chosen = ctx.pickSavePath ? await ctx.pickSavePath(built.fileName) : null;
      const savedAs = chosen ? writeAttestationFile(dirname(chosen), { name: basename(chosen), text: built.text }) : null;
      return { fileName: built.fileName, path, savedAs, ...built.contents, requestedBy: built.request.requestedBy };
    },
    coSignStatus: ({ digest }) => {
      const own = new Set(ws.keys.listReviewerKeys().filter((k) => k.revokedAt === null).map((k) => k.id));
      const judged = judgeCurrent(ws, session, ws.changeSets.resolveDigest(digest), new Date()).verification;
      const awaiting = ws.attestations.listExceptions(digest).flatMap((e) => {
        const status = judged.exceptions.find((x) => x.digest === e.statementDigest);
        // Quorum counts people: one person's second key never takes an exception off the co-signing queue.
        if (!status || status.persons.length >= judged.exceptionQuorum || e.signatures.some((s) => own.has(s.keyId))) return [];
        return [{
          exceptionId: e.id, digest: e.statementDigest, from: e.requester, waives: e.resourcePattern,
          signatures: status.persons.length, quorum: judged.exceptionQuorum,
        }];
      });
      return { awaiting };
    },
  };
}
