// DTOs of issue 12 (Day-2), re-exported by api-types.ts. One marked block per owner: put your
// types inside your block only.

// ---- issue 12 (drift review): drift items in the inbox, acknowledgements
// ---- end drift review

// ---- issue 12 (reports): audit reports from the app
// ---- end reports

// ---- issue 12 (dashboard)
// ---- end dashboard
export {};
