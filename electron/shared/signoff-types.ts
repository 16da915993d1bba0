/**
 * DTOs of sign-off between people (issue 10): who signed, signing requests, final decisions,
 * vendor release signatures. Plain, serializable, readonly; no Node or DOM imports.
 */

// ---- people
// ---- end people

// ---- vendor
// ---- end vendor

// ---- request
// ---- end request

// ---- decisions
// ---- end decisions

// ---- batch
// ---- end batch

export {};
