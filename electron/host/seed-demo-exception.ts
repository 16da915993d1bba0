import { importExceptionSignedByThrowawayKeys } from '../core/app/demo-exception';
import type { Workspace } from '../core/store';

const DAY_MS = 86_400_000;

/**
 * Issue 12 (demo): "one exception expiring soon". The demo contract wants two signatures on an
 * exception (exceptionQuorum 2) and has no roster (a roster would stop the key a visitor makes
 * from counting), so two demo co-reviewers sign it with keys the workspace trusts and whose
 * private halves are never kept (core/app/demo-exception.ts): it verifies as any co-signed
 * exception does, and the dashboard counts it in force.
 */
export const DEMO_CO_REVIEWERS = ['Priya Natarajan (demo co-reviewer)', 'Tomás Berg (demo co-reviewer)'] as const;

/**
 * What it waives: release 2.13.0's export worker without limits (a deny finding, not mandatory).
 * 2.13.0 is a past release (superseded): the current blocked release 2.14.0 still lacks the
 * limits and has no exception, so a visitor sees the old waiver running out while the problem
 * ships again, and every flow that starts from 2.14.0's three unwaived deny findings is unchanged.
 */
export const DEMO_EXCEPTION = {
  release: '2.13.0',
  waiver: { policy: 'k8s-resource-limits', address: 'Deployment/acme-analytics/acme-export-worker' },
  justification: 'The export worker runs alone on the dedicated batch node pool until Acme ships its limits (ticket ACME-318).',
  /**
   * After the seeding time: a fresh demo always shows it within the default 7-day warning
   * period ("expires in 4 days"), and a test's own 3-day exception stays tellable apart.
   */
  expiresAfterMs: 4 * DAY_MS + 6 * 3_600_000,
} as const;

/** Signs and imports the demo exception for the change set `digest` (the past release 2.13.0). */
export function seedDemoException(ws: Workspace, digest: string, now = new Date()): void {
  importExceptionSignedByThrowawayKeys(ws, {
    digest, signers: DEMO_CO_REVIEWERS, waives: [DEMO_EXCEPTION.waiver], justification: DEMO_EXCEPTION.justification,
    expires: new Date(now.getTime() + DEMO_EXCEPTION.expiresAfterMs), now,
  });
}
