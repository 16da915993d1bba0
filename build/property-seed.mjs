// Loaded into every test process by run-tests.mjs (`--import`): fast-check's property tests
// take their seed from FC_SEED, so a run is reproducible. run-tests sets a fixed seed unless
// asked to explore (`FC_SEED=random`), and prints the seed it used: a counterexample found
// while exploring is replayed with `FC_SEED=<that seed> npm test`. A test that passes its own
// `seed` keeps it.
import fc from 'fast-check';

const seed = Number(process.env.FC_SEED);
if (process.env.FC_SEED !== undefined && Number.isSafeInteger(seed)) fc.configureGlobal({ seed });
