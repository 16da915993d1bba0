// The UI bench's reading of a Chromium trace: frames and tasks of the renderer's main thread
// only (not the browser process's), gaps between drawn frames in ms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longestFrame } from './trace-frames.mjs';

const meta = (pid: number, tid: number, name: string) => ({ ph: 'M', name: 'thread_name', pid, tid, args: { name } });

test('the longest gap between drawn frames and the longest main-thread task of the renderer', () => {
  const events = [
    meta(1, 10, 'CrBrowserMain'), meta(2, 20, 'CrRendererMain'), meta(2, 21, 'Compositor'),
    ...[0, 16_000, 33_000, 95_000, 111_000].map((ts) => ({ name: 'DrawFrame', ph: 'I', pid: 2, tid: 21, ts })),
    { name: 'DrawFrame', ph: 'I', pid: 1, tid: 10, ts: 500_000 },
    { name: 'ThreadControllerImpl::RunTask', ph: 'X', pid: 2, tid: 20, ts: 40_000, dur: 48_000 },
    { name: 'RunTask', ph: 'X', pid: 2, tid: 20, ts: 90_000, dur: 12_000 },
    { name: 'RunTask', ph: 'X', pid: 1, tid: 10, ts: 40_000, dur: 400_000 },
  ];
  assert.deepEqual(longestFrame(events), { frames: 5, longestFrameMs: 62, longestTaskMs: 48 });
});

test('when the trace holds fewer DrawFrame than main-thread frames, the main-thread frames are used; without frames, no figure', () => {
  const events = [meta(2, 20, 'CrRendererMain'), ...[0, 10_000, 30_000].map((ts) => ({ name: 'BeginMainThreadFrame', ph: 'I', pid: 2, tid: 20, ts }))];
  assert.equal(longestFrame(events).longestFrameMs, 20);
  const oneDraw = [...events, { name: 'DrawFrame', ph: 'I', pid: 2, tid: 21, ts: 5_000 }, { name: 'DrawFrame', ph: 'I', pid: 2, tid: 21, ts: 3_000_000 }];
  assert.equal(longestFrame(oneDraw).frames, 3);
  assert.equal(longestFrame([meta(2, 20, 'CrRendererMain')]).longestFrameMs, null);
});
