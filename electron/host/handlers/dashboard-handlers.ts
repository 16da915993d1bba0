/** Issue 12 (dashboard): read-only figures per vendor and install. */
import { dashboard } from '../../core/app/dashboard';
import type { AppContext } from '../app-context';

export function dashboardHandlers(ctx: AppContext) {
  return {
    getDashboard: (input: { readonly vendor?: string; readonly install?: string }) => dashboard(ctx.ws, input),
  };
}
