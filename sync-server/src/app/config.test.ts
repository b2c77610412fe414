import { describe, expect, it } from 'vitest';
import { configFromEnv, parseSites } from './config';

describe('parseSites', () => {
  it('parses keys and normalized origins', () => {
    expect(
      parseSites('demo=http://127.0.0.1:8080,http://localhost:8080/ ; other=https://shop.example;bare'),
    ).toEqual([
      { key: 'demo', origins: ['http://127.0.0.1:8080', 'http://localhost:8080'] },
      { key: 'other', origins: ['https://shop.example'] },
      { key: 'bare', origins: [] },
    ]);
    expect(parseSites('')).toEqual([]);
  });

  it.each([
    'x=http://a.example',
    'demo=ftp://a.example',
    'demo=https://a.example/path',
    'demo=*',
    'demo=null',
    'demo=https://a.example;demo=https://b.example',
  ])('throws on %s', (spec) => {
    expect(() => parseSites(spec)).toThrow(/CONFIDE_SITES/);
  });
});

describe('configFromEnv', () => {
  it('has loopback-only defaults', () => {
    expect(configFromEnv({})).toEqual({
      port: 8787,
      host: 'localhost',
      sqlitePath: './data/confide.sqlite',
      widgetDir: 'dist/widget',
      modelsDir: 'models/artifacts',
      sites: [],
    });
  });

  it('reads every variable', () => {
    const config = configFromEnv({
      CONFIDE_PORT: '9000',
      CONFIDE_HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db/confide',
      CONFIDE_DB: '/tmp/x.sqlite',
      CONFIDE_WIDGET_DIR: 'w',
      CONFIDE_MODELS_DIR: 'm',
      CONFIDE_SITES: 'demo=http://localhost:8080',
      CONFIDE_PUBLIC_ORIGIN: 'https://widget.example/',
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db/confide',
      sqlitePath: '/tmp/x.sqlite',
      widgetDir: 'w',
      modelsDir: 'm',
      sites: [{ key: 'demo', origins: ['http://localhost:8080'] }],
      publicOrigin: 'https://widget.example',
    });
  });

  it('reads CONFIDE_ADMIN_TOKEN and refuses a short one without echoing it', () => {
    const token = 'cfd_admin_0123456789abcdefghijklmnopqrstuvwxyz';
    expect(configFromEnv({ CONFIDE_ADMIN_TOKEN: ` ${token} ` }).adminToken).toBe(token);
    expect(configFromEnv({ CONFIDE_ADMIN_TOKEN: '  ' }).adminToken).toBeUndefined();
    for (const weak of ['hunter2-secret', `${token.slice(0, 20)} ${token.slice(20)}`]) {
      const error = (() => {
        try {
          configFromEnv({ CONFIDE_ADMIN_TOKEN: weak });
        } catch (err) {
          return err instanceof Error ? err.message : String(err);
        }
        return 'accepted';
      })();
      expect(error).toMatch(/^CONFIDE_ADMIN_TOKEN: must be 32-256 characters/);
      expect(error).not.toContain(weak.slice(0, 10));
    }
  });

  it('reads the trusted proxies, trusting none by default, and names a bad entry', () => {
    expect(configFromEnv({}).trustedProxies).toBeUndefined();
    expect(
      configFromEnv({ CONFIDE_TRUSTED_PROXIES: ' 10.0.0.0/8, 192.168.1.7 fd00::/8' }).trustedProxies,
    ).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    expect(() => configFromEnv({ CONFIDE_TRUSTED_PROXIES: '10.0.0.0/8,lb.internal' })).toThrow(
      /^CONFIDE_TRUSTED_PROXIES: .*"lb\.internal"/,
    );
  });

  it('reads the database timeouts in milliseconds', () => {
    expect(
      configFromEnv({
        CONFIDE_PG_CONNECT_TIMEOUT_MS: '2000',
        CONFIDE_PG_STATEMENT_TIMEOUT_MS: '0',
        CONFIDE_SQLITE_BUSY_TIMEOUT_MS: '250',
      }),
    ).toMatchObject({ pgConnectTimeoutMs: 2000, pgStatementTimeoutMs: 0, sqliteBusyTimeoutMs: 250 });
    for (const [name, bad] of [
      ['CONFIDE_PG_CONNECT_TIMEOUT_MS', '0'],
      ['CONFIDE_PG_CONNECT_TIMEOUT_MS', '5s'],
      ['CONFIDE_PG_STATEMENT_TIMEOUT_MS', '-1'],
      ['CONFIDE_SQLITE_BUSY_TIMEOUT_MS', '99999999'],
    ] as const) {
      expect(() => configFromEnv({ [name]: bad }), `${name}=${bad}`).toThrow(new RegExp(`^${name}: invalid`));
    }
  });

  it('rejects a bad port or public origin', () => {
    expect(() => configFromEnv({ CONFIDE_PORT: 'abc' })).toThrow(/CONFIDE_PORT/);
    expect(() => configFromEnv({ CONFIDE_PORT: '70000' })).toThrow(/CONFIDE_PORT/);
    expect(() => configFromEnv({ CONFIDE_PUBLIC_ORIGIN: 'https://a.example/x' })).toThrow(
      /CONFIDE_PUBLIC_ORIGIN/,
    );
  });
});
