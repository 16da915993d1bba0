/**
 * How many cases a property test runs. `npm test` (CI) runs the full count; the quick loop
 * (`npm run test:fast`, which sets COUNTERSIGN_FAST_TESTS=1) runs a fifth of it, at least 20,
 * so the loop stays under a minute while every property is still exercised on every run.
 */
export function propertyRuns(full: number): number {
  return process.env.COUNTERSIGN_FAST_TESTS === '1' ? Math.max(20, Math.round(full / 5)) : full;
}
