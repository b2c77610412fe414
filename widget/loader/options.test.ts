/**
 * Site options: hand-written checks keep valid fields, drop each bad one with a warning that names it,
 * and never throw, whatever a site passes.
 */
import { describe, expect, it } from 'vitest';
import { attributeOptions, mergeOptions, validateOptions } from './options';

function check(x: unknown) {
  const warnings: string[] = [];
  const options = validateOptions(x, (m) => warnings.push(m));
  return { options, warnings };
}

describe('validateOptions', () => {
  it('keeps a complete valid configuration as it is', () => {
    const all = {
      locale: 'de-AT',
      theme: { brand: '#1f5eff', radius: 12, position: 'left', mode: 'dark' },
      greetingDelayMs: 5000,
      handoff: { label: 'Talk to us', href: 'mailto:help@shop.example' },
      templates: {
        intents: { shipping: { default: 'We ship in 2 days.' } },
        slots: { 'Website Name': 'Acme' },
      },
      experiments: [{ id: 'greeting-test', variants: [{ name: 'a', weight: 1 }] }],
      webgpu: true,
    };
    expect(check(all)).toEqual({ options: all, warnings: [] });
    expect(check({ greetingDelayMs: false }).options).toEqual({ greetingDelayMs: false });
    expect(check({ theme: { brand: 'oklch(62% 0.2 260)' } }).options).toEqual({
      theme: { brand: 'oklch(62% 0.2 260)' },
    });
  });

  it('drops each bad field with a warning naming it, and keeps the rest', () => {
    const { options, warnings } = check({
      locale: 'english please',
      theme: {
        brand: 'red;background:url(https://evil.example/x)',
        radius: 500,
        position: 'middle',
        mode: 'dark',
      },
      greetingDelayMs: -1,
      handoff: { label: 'Chat', href: 'javascript:alert(1)' },
      webgpu: 'yes',
      colour: 'blue',
    });
    expect(options).toEqual({ theme: { mode: 'dark' } });
    for (const key of [
      'locale',
      'theme.brand',
      'theme.radius',
      'theme.position',
      'greetingDelayMs',
      'handoff',
      'webgpu',
      'colour',
    ]) {
      expect(warnings, key).toContain(`confide('init'): option "${key}" dropped: unknown or invalid`);
    }
    expect(warnings).toHaveLength(8);
  });

  it('refuses colors that could escape a CSS declaration or load a URL', () => {
    for (const brand of ['url(x)', 'red}', '#fff;x:y', 'expression(alert(1))', 'var(--x)', '"red"']) {
      expect(check({ theme: { brand } }).options, brand).toEqual({ theme: {} });
    }
  });

  it('bounds templates by size and refuses what cannot be serialized', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(check({ templates: cyclic }).options).toEqual({});
    expect(check({ templates: { clarify: 'x'.repeat(40_000) } }).options).toEqual({});
    expect(check({ templates: [] }).options).toEqual({});
  });

  it('checks experiments for shape (the worker checks ids and weights)', () => {
    expect(check({ experiments: [1, 2] }).options).toEqual({});
    expect(check({ experiments: Array.from({ length: 21 }, () => ({})) }).options).toEqual({});
  });

  it('ignores prototype keys and never throws on odd input', () => {
    const odd = JSON.parse('{"__proto__": {"locale": "en"}, "toString": 1, "hasOwnProperty": 2}');
    expect(check(odd).options).toEqual({});
    expect(Object.getPrototypeOf(check(odd).options)).toBe(Object.prototype);
    for (const x of [null, undefined, 42, 'en', [], () => 1]) {
      expect(() => check(x)).not.toThrow();
      expect(check(x).options).toEqual({});
      expect(check(x).warnings).toEqual(["confide('init') ignored: expected an object"]);
    }
    const getter = {
      get locale(): string {
        throw new Error('site getter');
      },
    };
    expect(() => validateOptions(getter, () => {})).toThrow('site getter'); // caught by dispatch, see commands.test
  });
});

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

  it('leaves a wrong value as text, so validation names it', () => {
    const warnings: string[] = [];
    const options = validateOptions(
      attrs({ 'data-radius': '8px', 'data-brand': '#123' }),
      (m) => warnings.push(m),
      'the script tag',
    );
    expect(options).toEqual({ theme: { brand: '#123' } });
    expect(warnings).toEqual(['the script tag: option "theme.radius" dropped: unknown or invalid']);
  });
});

describe('mergeOptions', () => {
  it('lets init win, field by field within the theme', () => {
    expect(
      mergeOptions(
        { locale: 'de', theme: { brand: '#000', position: 'left' } },
        { locale: 'en', theme: { brand: '#fff' } },
      ),
    ).toEqual({ locale: 'en', theme: { brand: '#fff', position: 'left' } });
    expect(mergeOptions({ webgpu: true }, {})).toEqual({ webgpu: true });
  });
});
