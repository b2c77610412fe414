import { describe, expect, it } from 'vitest';
import { safeHandoff, sanitizeOptions } from './frame-config';

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

  it('renders handoff links only for https, mailto and loopback http', () => {
    expect(safeHandoff({ label: 'Team', href: 'https://help.example/chat' })).toEqual({
      label: 'Team',
      href: 'https://help.example/chat',
    });
    expect(safeHandoff({ label: 'Team', href: 'http://127.0.0.1:9/x' })?.href).toBe('http://127.0.0.1:9/x');
    expect(safeHandoff({ label: 'Team', href: 'http://help.example/' })).toBeUndefined();
    expect(safeHandoff({ label: ' ', href: 'https://help.example/' })).toBeUndefined();
    expect(safeHandoff({ label: 'Team', href: 'data:text/html,hi' })).toBeUndefined();
  });
});
