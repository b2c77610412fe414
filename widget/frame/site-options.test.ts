/**
 * Site options in the frame: hand-written checks keep valid fields, drop each bad one with a
 * warning that names it and its source, never throw whatever a site passes, and merge the script
 * tag's options under the `init` calls.
 */
import { describe, expect, it } from 'vitest';
import { mergeOptions, siteOptions, validateOptions } from './site-options';

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
    // The loader made a plain-data copy already (a getter cannot cross postMessage); here it throws on.
    expect(() => validateOptions(getter, () => {})).toThrow('site getter');
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

describe('siteOptions', () => {
  it('checks each source, lets later init calls win, and takes the page language without a locale', () => {
    const warnings: string[] = [];
    const options = siteOptions(
      {
        script: { locale: 'en', theme: { brand: '#0a7', radius: '12px' }, greetingDelayMs: false },
        init: [{ theme: { position: 'left' }, colour: 'teal' }, { locale: 'de' }],
        lang: 'fr',
      },
      (m) => warnings.push(m),
    );
    expect(options).toEqual({
      locale: 'de',
      theme: { brand: '#0a7', position: 'left' },
      greetingDelayMs: false,
    });
    expect(warnings).toEqual([
      'the script tag: option "theme.radius" dropped: unknown or invalid',
      `confide('init'): option "colour" dropped: unknown or invalid`,
    ]);
    expect(siteOptions({ lang: 'de-AT' }, () => {})).toEqual({ locale: 'de-AT' });
    expect(siteOptions({ lang: 'not a language' }, () => {})).toEqual({});
    expect(siteOptions({ init: 'oops' as never }, () => {})).toEqual({});
  });

  it('renders handoff links only for https, mailto and loopback http, and normalizes them', () => {
    expect(check({ handoff: { label: ' Team ', href: 'HTTPS://help.example/chat' } }).options).toEqual({
      handoff: { label: 'Team', href: 'https://help.example/chat' },
    });
    expect(check({ handoff: { label: 'Team', href: 'http://127.0.0.1:9/x' } }).options.handoff?.href).toBe(
      'http://127.0.0.1:9/x',
    );
    expect(check({ handoff: { label: 'Team', href: 'http://help.example/' } }).warnings).toHaveLength(1);
  });

  it('takes the FAQ as entries or as the https URL of a bundle', () => {
    expect(check({ faq: 'HTTPS://shop.example/faq.confide.json' }).options.faq).toBe(
      'https://shop.example/faq.confide.json',
    );
    expect(check({ faq: [{ questions: ['q?'], answer: 'a' }] }).options.faq).toHaveLength(1);
    expect(check({ faq: 'http://shop.example/faq.json' }).warnings).toHaveLength(1);
    expect(check({ faq: '/faq.json' }).warnings).toHaveLength(1);
  });
});

describe('data attributes', () => {
  it('leaves a wrong value as text, so validation names it', () => {
    const warnings: string[] = [];
    const options = validateOptions(
      { theme: { radius: '8px', brand: '#123' } },
      (m) => warnings.push(m),
      'the script tag',
    );
    expect(options).toEqual({ theme: { brand: '#123' } });
    expect(warnings).toEqual(['the script tag: option "theme.radius" dropped: unknown or invalid']);
  });
});
