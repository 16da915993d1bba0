// The longest frame of a Chromium trace (chrome://tracing JSON events, as Playwright's
// browser.startTracing/stopTracing give them): the longest gap between consecutive frames the
// renderer drew (DrawFrame, or BeginMainThreadFrame when the trace holds more of those),
// and the longest task on the renderer's main thread (RunTask; ThreadControllerImpl::RunTask in
// current Chromium), both in ms.

/** @param {readonly {name?: string, ph?: string, pid?: number, tid?: number, ts?: number, dur?: number, args?: any}[]} events */
export function longestFrame(events) {
  const mainThreads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const rendererPids = new Set([...mainThreads].map((k) => Number(k.split(':')[0])));
  const inRenderer = (e) => rendererPids.size === 0 || rendererPids.has(e.pid);
  const framesNamed = (name) => events.filter((e) => e.name === name && typeof e.ts === 'number' && inRenderer(e)).map((e) => e.ts).sort((a, b) => a - b);
  // Headless Chromium traces DrawFrame only sometimes: the main thread's frames then stand for them.
  const drawn = framesNamed('DrawFrame');
  const main = framesNamed('BeginMainThreadFrame');
  const frames = drawn.length >= main.length ? drawn : main;
  let longest = null;
  for (let i = 1; i < frames.length; i++) longest = Math.max(longest ?? 0, (frames[i] - frames[i - 1]) / 1000);
  let longestTask = 0;
  for (const e of events) {
    if ((e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`)) longestTask = Math.max(longestTask, (e.dur ?? 0) / 1000);
  }
  return { frames: frames.length, longestFrameMs: longest, longestTaskMs: longestTask };
}
