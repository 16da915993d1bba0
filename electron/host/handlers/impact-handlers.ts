/** Impact replay of a draft over every stored change set (owner C). */
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';
import { notBuilt } from './not-built';

export function impactHandlers(_ctx: AppContext): Pick<ApiHandlers, 'startImpact' | 'pollImpact' | 'cancelImpact' | 'explainImpact'> {
  return {
    startImpact: notBuilt('startImpact'),
    pollImpact: notBuilt('pollImpact'),
    cancelImpact: notBuilt('cancelImpact'),
    explainImpact: notBuilt('explainImpact'),
  };
}
