/** Impact replay of a draft over every stored change set (owner C). */
import { explainFinding, sharedImpactCaches, startImpactJob } from '../../core/app/impact';
import type { ImpactJob } from '../../core/app/impact';
import { NotFoundError } from '../../core/app/review';
import { InputError } from '../../core/model/errors';
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';

/** Jobs kept at once: a new draft supersedes the running replay of the same contract. */
const MAX_JOBS = 4;
const PAGE_ROWS = 500;

export function impactHandlers(ctx: AppContext): Pick<ApiHandlers, 'startImpact' | 'pollImpact' | 'cancelImpact' | 'explainImpact'> {
  const jobs = new Map<string, { readonly contract: string; readonly job: ImpactJob }>();
  const caches = sharedImpactCaches();
  const jobNamed = (jobId: string): ImpactJob => {
    const found = jobs.get(jobId);
    if (!found) throw new NotFoundError(`impact job ${jobId}`, 'no such replay (it was superseded by a newer draft or has ended)');
    return found.job;
  };
  return {
    startImpact: ({ contract, text }) => {
      const started = startImpactJob(ctx.ws, { contract, text }, caches);
      if (!started.ok) throw new InputError('draft contract', started.problem.message, started.problem.line, started.problem.column);
      for (const [id, other] of jobs) {
        if (other.contract === contract) {
          other.job.cancel();
          jobs.delete(id);
        }
      }
      while (jobs.size >= MAX_JOBS) {
        const [oldest] = jobs.keys();
        jobs.get(oldest!)?.job.cancel();
        jobs.delete(oldest!);
      }
      jobs.set(started.job.id, { contract, job: started.job });
      return { jobId: started.job.id, total: started.job.total };
    },
    pollImpact: ({ jobId, cursor }) => {
      const page = jobNamed(jobId).poll(cursor, PAGE_ROWS);
      return { ...page, rows: page.rows.map((r, i) => ({ id: cursor + i, ...r })) };
    },
    cancelImpact: ({ jobId }) => {
      const found = jobs.get(jobId);
      found?.job.cancel();
      return { cancelled: found !== undefined };
    },
    explainImpact: ({ contract, text, digest, resourceIndex, policy }) => {
      const r = explainFinding(ctx.ws, { contract, text, digest, resourceIndex, policy }, caches);
      if (!r.ok) throw new InputError('draft contract', r.problem.message, r.problem.line, r.problem.column);
      return r.explanation;
    },
  };
}
