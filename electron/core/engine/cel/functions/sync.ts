/**
 * The option every function of ours is registered with. cel-js takes a function it is not told
 * is synchronous as possibly asynchronous, and then checks every value on the way up from its
 * calls for a Promise (and keeps its generic dispatch there). None of ours returns one.
 */
export const SYNC = Object.freeze({ async: false });
