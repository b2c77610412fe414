import { describe, expect, it } from 'vitest';
import { safeHandoff } from './handoff-rules';

describe('safeHandoff', () => {
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
