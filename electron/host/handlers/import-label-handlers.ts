/** Issue 11 (imports: display labels, watched-inbox events and notices). */
import { setChangeSetLabels } from '../../core/app/change-set-labels';
import type { AppContext } from '../app-context';
import { ApiFailure } from '../api-errors';

export function importLabelHandlers(ctx: AppContext) {
  return {
    setChangeSetLabels: ({ digest, labels }: { readonly digest: string; readonly labels: Readonly<Partial<Record<'vendor' | 'app' | 'install' | 'release', string>>> }) => {
      const display = setChangeSetLabels(ctx.ws, digest, labels);
      // Another window (or tab) showing the inbox rereads it.
      ctx.inboxEvents.emit('labelled');
      return display;
    },
    dismissWatchProblem: ({ id }: { readonly id: string }) => {
      const at = ctx.watchProblems.findIndex((p) => p.id === id);
      if (at >= 0) {
        ctx.watchProblems.splice(at, 1);
        ctx.inboxEvents.emit('dismissed');
      }
      return { dismissed: at >= 0 };
    },
    openInboxEvents: () => {
      if (ctx.mode !== 'browser') throw new ApiFailure('unsupported', 'the desktop app delivers inbox events through its window (onInboxChanged), not an event stream');
      return ctx.eventTickets.issue();
    },
  };
}
