/**
 * The baseline's default maintenance windows (maintenance-window policy: Tue, Wed and Thu
 * 02:00–05:00 UTC). `countersign verify` judges that policy at the moment of the apply (now),
 * so a test that verifies "now" expects the maintenance-window finding only outside them.
 */
export function insideDefaultMaintenanceWindow(at: Date = new Date()): boolean {
  const day = at.getUTCDay(); // 0 = Sunday
  const minutes = at.getUTCHours() * 60 + at.getUTCMinutes();
  return day >= 2 && day <= 4 && minutes >= 120 && minutes < 300;
}

/** The policies of the demo's blocked change set whose deny findings verify finds at `at`. */
export function blockedDenyPoliciesAt(at: Date = new Date()): readonly string[] {
  return ['db-no-replace', 'k8s-resource-limits', ...(insideDefaultMaintenanceWindow(at) ? [] : ['maintenance-window'])].sort();
}
