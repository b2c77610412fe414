/**
 * Dwell: visible time only, one report per page, none for a page never seen. Document and window are
 * Node EventTargets (Node has no DOM); the clock is a counter the test advances.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DWELL_MS, trackDwell } from './dwell';

function setup(initial: DocumentVisibilityState = 'visible') {
  let clock = 0;
  const doc = Object.assign(new EventTarget(), { visibilityState: initial });
  const win = new EventTarget();
  const reports: number[] = [];
  const dwell = trackDwell(
    doc,
    win,
    (ms) => reports.push(ms),
    () => clock,
  );
  return {
    reports,
    dwell,
    tick: (ms: number) => {
      clock += ms;
    },
    show: (state: DocumentVisibilityState) => {
      doc.visibilityState = state;
      doc.dispatchEvent(new Event('visibilitychange'));
    },
    pagehide: () => win.dispatchEvent(new Event('pagehide')),
  };
}

describe('trackDwell', () => {
  it('reports the visible time at pagehide', () => {
    const t = setup();
    t.tick(4321.4);
    t.pagehide();
    expect(t.reports).toEqual([4321]);
  });

  it('reports at the first hide and only once per page', () => {
    const t = setup();
    t.tick(1000);
    t.show('hidden');
    t.tick(9000);
    t.show('visible');
    t.tick(1000);
    t.show('hidden');
    t.pagehide();
    expect(t.reports).toEqual([1000]);
  });

  it('counts a background tab only from when it is first seen', () => {
    const t = setup('hidden');
    t.tick(60_000);
    t.show('visible');
    t.tick(2500);
    t.pagehide();
    expect(t.reports).toEqual([2500]);
  });

  it('reports nothing for a page that was never visible', () => {
    const t = setup('hidden');
    t.tick(5000);
    t.pagehide();
    expect(t.reports).toEqual([]);
  });

  it('next() ends the page (a single-page-app navigation) and times the next one', () => {
    const t = setup();
    t.tick(800);
    t.dwell.next();
    t.tick(1200);
    t.dwell.next();
    t.tick(50);
    t.pagehide();
    expect(t.reports).toEqual([800, 1200, 50]);
  });

  it('caps a page left open for hours', () => {
    const t = setup();
    t.tick(5 * 3_600_000);
    t.pagehide();
    expect(t.reports).toEqual([MAX_DWELL_MS]);
  });
});
