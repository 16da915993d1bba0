// Issue 12 (dashboard; owner DB): read-only figures per vendor and install.
export { dashboard, quantile } from './dashboard';
export { DashboardQueries, dashboardQueries, TREND_RELEASES, RECENT_DECISIONS, TOP_POLICIES } from './dashboard-queries';
export type { Scope as DashboardScope } from './dashboard-queries';
