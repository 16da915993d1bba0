/**
 * Replays the draft over every stored change set the contract judges: each new draft text
 * cancels the replay of the previous one and starts its own (after a short pause in typing);
 * pages stream in until the job is done. The user may cancel too. No draft change, no replay.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImpactPageDto, ImpactRowDto, ImpactSummaryDto } from '../../../../electron/shared/contract-editor-types';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../components/describe-error';

export type ImpactStatus = 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'error';

export interface ImpactState {
  readonly status: ImpactStatus;
  /** The draft text this replay judges. */
  readonly text: string;
  readonly rows: readonly ImpactRowDto[];
  readonly progress: { readonly done: number; readonly total: number };
  readonly summary: ImpactSummaryDto | null;
  /** Rows beyond the host's cap were counted but not kept. */
  readonly truncated: boolean;
  readonly problems: ImpactPageDto['problems'];
  readonly error: string | null;
}

const IDLE: ImpactState = { status: 'idle', text: '', rows: [], progress: { done: 0, total: 0 }, summary: null, truncated: false, problems: [], error: null };
const START_DELAY_MS = 400;
const POLL_PAUSE_MS = 150;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function useImpact(contract: string, text: string, active: boolean): { readonly state: ImpactState; readonly cancel: () => void; readonly restart: () => void } {
  const [state, setState] = useState<ImpactState>(IDLE);
  const [runKey, setRunKey] = useState(0);
  const job = useRef<{ id: string | null; stopped: boolean } | null>(null);

  const stop = useCallback(() => {
    const current = job.current;
    job.current = null;
    if (!current) return;
    current.stopped = true;
    if (current.id) void api.cancelImpact({ jobId: current.id });
  }, []);

  useEffect(() => {
    stop();
    if (!active) {
      setState(IDLE);
      return;
    }
    const mine = { id: null as string | null, stopped: false };
    job.current = mine;
    setState({ ...IDLE, status: 'starting', text });
    void (async () => {
      await sleep(START_DELAY_MS);
      if (mine.stopped) return;
      try {
        const started = await unwrap(api.startImpact({ contract, text }));
        mine.id = started.jobId;
        if (mine.stopped) {
          void api.cancelImpact({ jobId: started.jobId });
          return;
        }
        setState((s) => ({ ...s, status: 'running', progress: { done: 0, total: started.total } }));
        let cursor = 0;
        for (;;) {
          const page = await unwrap(api.pollImpact({ jobId: started.jobId, cursor }));
          if (mine.stopped) return;
          cursor = page.nextCursor;
          const status: ImpactStatus = page.cancelled ? 'cancelled' : page.done ? 'done' : 'running';
          setState((s) => ({ ...s, status, rows: page.rows.length ? [...s.rows, ...page.rows] : s.rows, progress: page.progress, summary: page.summary, truncated: page.truncated, problems: page.problems }));
          if (page.done || page.cancelled) {
            if (job.current === mine) job.current = null;
            return;
          }
          if (page.rows.length === 0) await sleep(POLL_PAUSE_MS);
        }
      } catch (err) {
        if (!mine.stopped) setState((s) => ({ ...s, status: 'error', error: describeError(err) }));
        if (job.current === mine) job.current = null;
      }
    })();
    return stop;
  }, [contract, text, active, runKey, stop]);

  const cancel = useCallback(() => {
    stop();
    setState((s) => (s.status === 'running' || s.status === 'starting' ? { ...s, status: 'cancelled' } : s));
  }, [stop]);
  const restart = useCallback(() => setRunKey((k) => k + 1), []);
  return { state, cancel, restart };
}
