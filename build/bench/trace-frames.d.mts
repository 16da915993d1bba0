export interface TraceEvent {
  readonly name?: string;
  readonly ph?: string;
  readonly pid?: number;
  readonly tid?: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

export function longestFrame(events: readonly TraceEvent[]): { frames: number; longestFrameMs: number | null; longestTaskMs: number };
