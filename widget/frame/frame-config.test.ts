import { describe, expect, it } from 'vitest';
import { sanitizeOptions } from './frame-config';

describe('frame config', () => {
  it('keeps well-formed options', () => {
    const options = {
      locale: 'de-AT',
      theme: { brand: '#c00', radius: 8, position: 'left', mode: 'dark' },
      greetingDelayMs: 2000,
      handoff: { label: 'Mail us', href: 'mailto:help@shop.example' },
      templates: { clarify: 'Sorry?' },
      experiments: [{ id: 'a', variants: [{ name: 'x', weight: 1 }] }],
      webgpu: true,
    };
    expect(sanitizeOptions(options)).toEqual(options);
    expect(sanitizeOptions({ greetingDelayMs: false })).toEqual({ greetingDelayMs: false });
  });

  it('drops wrong fields one by one', () => {
    expect(
      sanitizeOptions({
        locale: 7,
        theme: { brand: 3, radius: 500, position: 'top', mode: 'sepia' },
        greetingDelayMs: -1,
        handoff: { label: 'x', href: 'javascript:alert(1)' },
        templates: 'all',
        experiments: {},
        webgpu: 'yes',
      }),
    ).toEqual({ theme: {} });
    expect(sanitizeOptions(null)).toEqual({});
  });
});
