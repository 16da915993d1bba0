import type { z } from 'zod';
import type { ApiContract, ApiMethod } from '../shared/api-contract';
import { parseApiInput } from '../shared/api-contract';
import type { ApiResult, ExceptionDto } from '../shared/api-types';
import {
  approveChangeSet, createKey, exportKey, rejectChangeSet, requestException, resolveRevision, revokeKey, signException, trustKey,
} from '../core/app';
import { latestRevision } from '../core/app/current-contract';
import {
  auditPage, auditStatus, changeSetDetail, contractView, exceptionList, inbox, keyList, NotFoundError, quorumStatus,
  resourceDetail, resourceRows, reviewerKeyDto, sourceExcerpt, trustedKeyDto, findingDtos,
} from '../core/app/review';
import { ENGINE_VERSION } from '../core/engine';
import { TYPED_INSTANT, isoTimeValue } from '../core/model/iso-time';
import type { AppContext } from './app-context';
import { ApiFailure, toApiError } from './api-errors';
import { importFileBytes, importPaths } from './import-files';
import { draftHandlers } from './handlers/draft-handlers';
import { impactHandlers } from './handlers/impact-handlers';
import { revisionHandlers } from './handlers/revision-handlers';
import { peopleHandlers } from './handlers/people-handlers';
import { vendorHandlers } from './handlers/vendor-handlers';
import { requestHandlers } from './handlers/request-handlers';
import { decisionHandlers } from './handlers/decision-handlers';
import { batchHandlers } from './handlers/batch-handlers';
import { navigationHandlers } from './handlers/navigation-handlers';
import { speedHandlers } from './handlers/speed-handlers';
import { importLabelHandlers } from './handlers/import-label-handlers';
import { fleetHandlers } from './handlers/fleet-handlers';
import { packShelfHandlers } from './handlers/pack-shelf-handlers';
import { driftHandlers } from './handlers/drift-handlers';
import { reportHandlers } from './handlers/report-handlers';
import { reportPdfHandlers } from './handlers/report-pdf-handlers';
import { dashboardHandlers } from './handlers/dashboard-handlers';
import { backupHandlers } from './handlers/backup-handlers';
import { detailHandlers } from './handlers/detail-handlers';

/** A method's input after validation, and its result (importWithDialog may answer null: cancelled). */
type ParsedInput<M extends ApiMethod> = z.output<ApiContract[M]['input']>;
type Output<M extends ApiMethod> = Exclude<ApiContract[M]['output'], undefined>;

export type ApiHandlers = { readonly [M in ApiMethod]: (input: ParsedInput<M>) => Promise<Output<M>> | Output<M> };

/**
 * The one table from API method to core services, shared by Electron's IPC handlers and the
 * browser host's HTTP routes, so both transports answer exactly the same way.
 */
export function createApiHandlers(ctx: AppContext): ApiHandlers {
  const { ws, session } = ctx;
  const exceptionDto = (digest: string, id: number): ExceptionDto => {
    const found = exceptionList(session, digest, ctx.outboxDir).find((e) => e.id === String(id));
    if (!found) throw new NotFoundError(`exception ${id}`, 'is not recorded for this change set');
    return found;
  };
  return {
    appInfo: () => {
      // The contract saved last (the one the user most likely works on); each change set and
      // the contract screen name the contract that judges it.
      const latest = latestRevision(ws);
      const active = latest ? resolveRevision(latest) : session.contract();
      return {
        mode: ctx.mode, version: ctx.version, engineVersion: ENGINE_VERSION, workspacePath: ws.path, outboxDir: ctx.outboxDir,
        watchDir: ctx.watchDir, contractName: active.contract.name, contractDigest: active.contract.digest, watchProblems: ctx.watchProblems.slice(0, 20),
      };
    },
    listInbox: () => inbox(ws, session),
    importFiles: ({ files }) => importFileBytes(ctx, files),
    importWithDialog: async () => {
      if (!ctx.pickImportPaths) throw new ApiFailure('unsupported', 'the native file dialog exists only in the desktop app: drop files on the inbox, or choose them with the Import button');
      const paths = await ctx.pickImportPaths();
      return paths && paths.length > 0 ? importPaths(ctx, paths) : null;
    },
    getChangeSet: ({ digest }) => changeSetDetail(session, digest),
    listResources: ({ digest, first }) => resourceRows(session, digest, first),
    getResource: ({ digest, index }) => resourceDetail(session, digest, index),
    listFindings: ({ digest }) => findingDtos(session.resourceFacts(digest), session.judge(digest), undefined, { texts: false }),
    getSourceExcerpt: ({ digest, file, line, context, column, field }) => sourceExcerpt(session, digest, file, line, context, { ...(column !== undefined ? { column } : {}), ...(field !== undefined ? { field } : {}) }),
    getQuorum: ({ digest }) => quorumStatus(session, digest),
    approve: async ({ digest, keyId, passphrase, comment }) => {
      session.stored(digest);
      const r = await approveChangeSet(ws, { digest, keyId, passphrase, comment, outboxDir: ctx.outboxDir }, session);
      return { file: r.path, quorum: quorumStatus(session, r.changeSetDigest) };
    },
    reject: async ({ digest, keyId, passphrase, comment }) => {
      session.stored(digest);
      const r = await rejectChangeSet(ws, { digest, keyId, passphrase, comment, outboxDir: ctx.outboxDir }, session);
      return { file: r.path, quorum: quorumStatus(session, r.changeSetDigest) };
    },
    listExceptions: ({ digest }) => {
      session.stored(digest);
      return exceptionList(session, digest, ctx.outboxDir);
    },
    requestException: async ({ digest, waives, justification, expires, scope, keyId, passphrase }) => {
      session.stored(digest);
      const r = await requestException(ws, { digest, waives, justification, expires: isoTimeValue(expires, TYPED_INSTANT), scope, keyId, passphrase, outboxDir: ctx.outboxDir }, session);
      return exceptionDto(digest, r.exceptionId);
    },
    signException: async ({ exceptionId, keyId, passphrase, digest }) => {
      const id = /^\d+$/.test(exceptionId) ? Number(exceptionId) : NaN;
      const e = Number.isSafeInteger(id) ? ws.attestations.getException(id) : null;
      // A contract-wide exception names no change set: it is shown in the one under review.
      const context = e?.changeSetDigest ?? digest;
      if (!e || !context) throw new NotFoundError(`exception ${exceptionId}`, 'no exception with this id for a change set in the workspace');
      // The newest signed copy carries every signature so far; signing it adds ours.
      const latest = [...e.signatures].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)?.envelope ?? e.envelope;
      const r = await signException(ws, { envelopeText: latest, source: `exception ${exceptionId}`, keyId, passphrase, outboxDir: ctx.outboxDir }, session);
      return exceptionDto(context, r.exceptionId);
    },
    listKeys: () => keyList(ws),
    createKey: async ({ name, passphrase }) => reviewerKeyDto(await createKey(ws, { name, passphrase })),
    exportPublicKey: ({ keyId }) => {
      const k = exportKey(ws, keyId);
      return { keyId: k.keyId, pem: k.pem };
    },
    trustKey: ({ pem, name, role }) => trustedKeyDto(trustKey(ws, { pem, source: 'the pasted public key', name, role }).key),
    revokeKey: ({ keyId }) => ({ revokedAt: revokeKey(ws, keyId).revokedAt }),
    getAudit: ({ offset, limit }) => auditPage(ws, offset, limit),
    verifyAudit: () => auditStatus(ws),
    getContract: ({ contract }) => contractView(session, contract),
    ...revisionHandlers(ctx),
    ...draftHandlers(ctx),
    ...impactHandlers(ctx),
    ...peopleHandlers(ctx),
    ...vendorHandlers(ctx),
    ...requestHandlers(ctx),
    ...decisionHandlers(ctx),
    ...batchHandlers(ctx),
    ...detailHandlers(ctx),
    ...navigationHandlers(ctx),
    ...speedHandlers(ctx),
    ...importLabelHandlers(ctx),
    ...fleetHandlers(ctx),
    ...packShelfHandlers(ctx),
    ...driftHandlers(ctx),
    ...reportHandlers(ctx),
    ...reportPdfHandlers(ctx),
    ...dashboardHandlers(ctx),
    ...backupHandlers(ctx),
  };
}

/**
 * Validates the input against the contract's schema, runs the handler, and answers with a
 * value: never a thrown error, never a stack, whatever the renderer sent.
 */
export async function callApi(handlers: ApiHandlers, method: ApiMethod, input: unknown): Promise<ApiResult<unknown>> {
  const parsed = parseApiInput(method, input);
  if (!parsed.ok) return { ok: false, code: 'bad-request', message: parsed.message };
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.value) };
  } catch (err) {
    return toApiError(err);
  }
}
