/**
 * Site options on the loader's side: data attributes read as raw options, plain-data copies of what
 * a site passes, and the iframe's side before the frame loads. The checks are the frame's
 * (frame/site-options.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { attributeOptions, framePosition, plainOptions } from './options';

describe('attributeOptions', () => {
  const attrs = (a: Record<string, string>) => attributeOptions((name) => a[name] ?? null);

  it('maps data attributes to options, with numbers and booleans parsed', () => {
    expect(
      attrs({
        'data-locale': 'de',
        'data-brand': '#0a7',
        'data-radius': '8',
        'data-position': 'left',
        'data-mode': 'auto',
        'data-greeting-delay': 'off',
        'data-webgpu': 'false',
        'data-handoff-href': 'https://shop.example/help',
        'data-handoff-label': 'Help',
      }),
    ).toEqual({
      locale: 'de',
      theme: { brand: '#0a7', radius: 8, position: 'left', mode: 'auto' },
      greetingDelayMs: false,
      webgpu: false,
      handoff: { href: 'https://shop.example/help', label: 'Help' },
    });
    expect(attrs({ 'data-greeting-delay': '3000' })).toEqual({ greetingDelayMs: 3000 });
    expect(attrs({})).toEqual({});
  });
});

describe('plainOptions', () => {
  it('copies plain data, drops functions, and warns about what cannot be serialized', () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(plainOptions({ locale: 'de', onLoad: () => 1, theme: { radius: 4 } }, warn)).toEqual({
      locale: 'de',
      theme: { radius: 4 },
    });
    expect(plainOptions(() => 1, warn)).toBeNull();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(plainOptions(cyclic, warn)).toBeUndefined();
    const hostile = {
      get locale(): string {
        throw new Error('getter trouble');
      },
    };
    expect(plainOptions(hostile, warn)).toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^confide\('init'\) ignored: the options cannot be copied \(.*circular/i);
    expect(warnings[1]).toBe("confide('init') ignored: the options cannot be copied (getter trouble)");
  });
});

describe('framePosition', () => {
  it('takes the last valid position, else the right side', () => {
    expect(framePosition([{ theme: { position: 'left' } }, { theme: { position: 'middle' } }])).toBe('left');
    expect(framePosition([{ theme: { position: 'left' } }, { theme: { position: 'right' } }])).toBe('right');
    expect(framePosition([null, 4, {}])).toBe('right');
  });
});
