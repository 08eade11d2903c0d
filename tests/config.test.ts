import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const load = (env: Record<string, string>) => loadConfig(env, { dotenv: false });

describe('loadConfig', () => {
  it('starts with nothing configured: embedded database in ./data on 127.0.0.1:3000', () => {
    const config = load({});
    expect(config).toMatchObject({ databaseUrl: undefined, host: '127.0.0.1', port: 3000, logLevel: 'info' });
    expect(config.dataDir).toMatch(/data$/);
    expect(config.retentionMonths).toBe(24);
  });

  it('treats empty variables as unset', () => {
    expect(load({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it.each([
    ['PORT', 'abc', /TCP port/],
    ['PORT', '70000', /TCP port/],
    ['DATABASE_URL', 'mysql://x', /PostgreSQL URL/],
    ['LOG_LEVEL', 'loud', /one of fatal/],
    ['WHATSAPP_ENABLED', 'maybe', /WHATSAPP_ENABLED/],
  ])('names %s and what it expects when it is %s', (variable, value, expected) => {
    let error: unknown;
    try {
      load({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(expected);
  });
});
