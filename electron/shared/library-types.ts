// DTOs of issues 13 (fleet preview) and 14 (pack shelf), re-exported by api-types.ts.
// One marked block per owner: put your types inside your block only.

// ---- issue 13 (fleet preview)
// ---- end fleet preview

// ---- issue 14 (pack shelf)
// ---- end pack shelf
export {};
