/**
 * Iframe geometry: launcher and panel in the configured corner, the panel full screen on small screens.
 */
import { describe, expect, it } from 'vitest';
import { appliedView, frameStyle } from './frame-link';

const style = (css: string) =>
  Object.fromEntries(
    css
      .split(';')
      .filter(Boolean)
      .map((d) => d.split(':') as [string, string]),
  );

describe('frame geometry', () => {
  it('makes the panel full screen on small screens only', () => {
    expect(appliedView('panel', true)).toBe('fullscreen');
    expect(appliedView('panel', false)).toBe('panel');
    expect(appliedView('launcher', true)).toBe('launcher');
    expect(appliedView('fullscreen', false)).toBe('fullscreen');
  });

  it('places launcher and panel in the bottom corner of the configured side', () => {
    expect(style(frameStyle('launcher', 'right'))).toMatchObject({ bottom: '0', right: '0', width: '88px' });
    const left = style(frameStyle('panel', 'left'));
    expect(left).toMatchObject({
      bottom: '0',
      left: '0',
      width: 'min(400px,100vw)',
      height: 'min(640px,100vh)',
    });
    expect(left.right).toBeUndefined();
  });

  it('covers the whole viewport in full screen, whatever the side', () => {
    for (const side of ['left', 'right'] as const) {
      expect(style(frameStyle('fullscreen', side))).toMatchObject({
        position: 'fixed',
        top: '0',
        left: '0',
        width: '100%',
        height: '100%',
      });
    }
  });
});
