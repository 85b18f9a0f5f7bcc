import { describe, expect, it } from 'vitest';
import { SettingsError } from '../settings/errors';
import { MemorySecretStore } from '../settings/memory-secrets';
import type { SecretStore } from '../settings/secret-store';
import { ApiKey } from './api-key';

const OPENAI = 'https://api.openai.com/v1';

describe('ApiKey', () => {
  it('hands the key out only for an endpoint of the origin it was entered for', async () => {
    const secrets = new MemorySecretStore();
    const key = await ApiKey.open(secrets, OPENAI);
    await key.set('sk-test', OPENAI);
    expect(key.forEndpoint('https://api.openai.com/v1/')).toBe('sk-test');
    expect(key.forEndpoint('https://evil.example/v1')).toBeNull();
    expect(key.forEndpoint('http://api.openai.com/v1')).toBeNull(); // another scheme is another origin
    expect(key.origin).toBe('https://api.openai.com');
    // Stored with its origin: a restart keeps the binding, whatever the endpoint says then.
    const reopened = await ApiKey.open(secrets, 'https://evil.example/v1');
    expect(reopened.forEndpoint('https://evil.example/v1')).toBeNull();
    expect(reopened.forEndpoint(OPENAI)).toBe('sk-test');
  });

  it('binds a key stored before keys were bound to the endpoint configured at start', async () => {
    const secrets = new MemorySecretStore();
    await secrets.set('apiKey', 'sk-legacy');
    const key = await ApiKey.open(secrets, 'http://127.0.0.1:11434/v1');
    expect(key.forEndpoint('http://127.0.0.1:11434/v1')).toBe('sk-legacy');
    expect(key.forEndpoint(OPENAI)).toBeNull();
    expect(await ApiKey.open(secrets, '').then((k) => k.origin)).toBeNull(); // no endpoint: nothing to bind to
  });

  it('refuses a key with no endpoint to bind it to', async () => {
    const key = await ApiKey.open(new MemorySecretStore(), '');
    await expect(key.set('sk-test', '')).rejects.toMatchObject({ code: 'apikey_no_endpoint' });
  });

  it('starts without a key, and says why, when the keyring cannot be read', async () => {
    const locked: SecretStore = {
      get: () => Promise.reject(new SettingsError('secrets_unavailable', 'The system keyring is locked.', 'Unlock it.')),
      set: async () => undefined,
      has: async () => true,
    };
    const key = await ApiKey.open(locked, OPENAI);
    expect(key.forEndpoint(OPENAI)).toBeNull();
    expect(key.origin).toBeNull();
    expect(key.notices).toEqual([expect.objectContaining({ type: 'notice', level: 'warning', code: 'secrets_unavailable' })]);
    expect(key.notices[0]!.message).toMatch(/keyring is locked.*enter it again in Settings/);
    // Entering it again works as on any other day.
    await key.set('sk-new', OPENAI);
    expect(key.forEndpoint(OPENAI)).toBe('sk-new');
  });

  it('keeps one key and secret extras per endpoint origin, hands them out for that origin only, and drops removed ones', async () => {
    const secrets = new MemorySecretStore();
    const key = await ApiKey.open(secrets, OPENAI);
    await key.set('sk-main', OPENAI);
    await key.setFor('http://127.0.0.1:11434/v1', { key: 'sk-lan', headers: { 'X-Gateway': 'gw-1' } });
    expect(key.secretsFor('http://127.0.0.1:11434')).toEqual({ key: 'sk-lan', headers: { 'X-Gateway': 'gw-1' }, query: {} });
    expect(key.secretsFor('https://api.openai.com')).toEqual({ key: 'sk-main', headers: {}, query: {} });
    expect(key.secretsFor('https://evil.example')).toEqual({ key: null, headers: {}, query: {} });
    expect(key.summary()).toEqual(expect.arrayContaining([{ origin: 'http://127.0.0.1:11434', key: true, headers: ['X-Gateway'], query: [] }]));
    // Survives a restart, bound as it was.
    const reopened = await ApiKey.open(secrets, OPENAI);
    expect(reopened.secretsFor('http://127.0.0.1:11434').headers).toEqual({ 'X-Gateway': 'gw-1' });
    await reopened.setFor('http://127.0.0.1:11434/v1', { headers: { 'X-Gateway': null } });
    expect(reopened.secretsFor('http://127.0.0.1:11434').headers).toEqual({});
    expect(await reopened.keepOnly(['https://api.openai.com'])).toEqual(['http://127.0.0.1:11434']);
    expect(reopened.secretsFor('http://127.0.0.1:11434').key).toBeNull();
  });
});
