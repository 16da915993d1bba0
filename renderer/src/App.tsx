import { hrefOf, useRoute } from './router';
import type { Route } from './router';
import { InboxScreen } from './screens/InboxScreen';
import { ReviewScreen } from './screens/ReviewScreen';
import { KeysScreen } from './screens/KeysScreen';
import { AuditScreen } from './screens/AuditScreen';
import { ContractScreen } from './screens/ContractScreen';
import { FleetScreen } from './fleet/FleetScreen';
import { DriftScreen } from './drift/DriftScreen';
import { DashboardScreen } from './dashboard/DashboardScreen';

const NAV: readonly { readonly label: string; readonly route: Route }[] = [
  { label: 'Inbox', route: { screen: 'inbox' } },
  { label: 'Keys & trust', route: { screen: 'keys' } },
  { label: 'Audit', route: { screen: 'audit' } },
  { label: 'Contract', route: { screen: 'contract' } },
  { label: 'Fleet preview', route: { screen: 'fleet' } },
  { label: 'Dashboard', route: { screen: 'dashboard' } },
];

export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <nav className="app-nav" aria-label="Main">
        <span className="app-name">Countersign</span>
        {NAV.map((n) => (
          <a key={n.label} href={hrefOf(n.route)} aria-current={route.screen === n.route.screen || ((route.screen === 'review' || route.screen === 'drift') && n.route.screen === 'inbox') ? 'page' : undefined}>
            {n.label}
          </a>
        ))}
      </nav>
      <main className="app-main">
        {route.screen === 'inbox' && <InboxScreen />}
        {route.screen === 'review' && <ReviewScreen digest={route.digest} finding={route.finding} resource={route.resource} />}
        {route.screen === 'keys' && <KeysScreen />}
        {route.screen === 'audit' && <AuditScreen />}
        {route.screen === 'contract' && <ContractScreen contract={route.contract} policy={route.policy} />}
        {route.screen === 'fleet' && <FleetScreen />}
        {route.screen === 'drift' && <DriftScreen id={route.id} />}
        {route.screen === 'dashboard' && <DashboardScreen />}
      </main>
    </div>
  );
}
