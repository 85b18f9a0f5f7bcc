import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedFileSecretStore, type SecretCipher } from './encrypted-file-secrets';
import { MemorySecretStore } from './memory-secrets';

/** A real cipher (AES-256-GCM with a process key) standing in for the OS keychain, which this machine lacks. */
class AesCipher implements SecretCipher {
  constructor(
    private readonly key = randomBytes(32),
    public reason: string | null = null,
  ) {}
  unavailableReason() {
    return this.reason;
  }
  encrypt(plain: string): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  }
  decrypt(data: Buffer): string {
    const d = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, 12));
    d.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
  }
}

describe('MemorySecretStore', () => {
  it('stores, reports and deletes the key', async () => {
    const s = new MemorySecretStore();
    expect(await s.has('apiKey')).toBe(false);
    expect(await s.get('apiKey')).toBeNull();
    await s.set('apiKey', 'sk-1');
    expect(await s.has('apiKey')).toBe(true);
    expect(await s.get('apiKey')).toBe('sk-1');
    await s.set('apiKey', null);
    expect(await s.has('apiKey')).toBe(false);
  });
});

describe('EncryptedFileSecretStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sotto-secrets-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes only ciphertext, reads it back, deletes it', async () => {
    const cipher = new AesCipher();
    const store = new EncryptedFileSecretStore(join(dir, 'secrets'), cipher);
    await store.set('apiKey', 'sk-very-secret');
    const onDisk = await readFile(join(dir, 'secrets', 'apiKey.enc'));
    expect(onDisk.includes(Buffer.from('sk-very-secret'))).toBe(false);
    expect(await store.has('apiKey')).toBe(true);
    expect(await new EncryptedFileSecretStore(join(dir, 'secrets'), cipher).get('apiKey')).toBe('sk-very-secret');
    await store.set('apiKey', null);
    expect(await store.has('apiKey')).toBe(false);
    expect(await store.get('apiKey')).toBeNull();
    expect(await readdir(join(dir, 'secrets'))).toEqual([]);
  });

  it('refuses to store when encryption is unavailable, and writes nothing', async () => {
    const store = new EncryptedFileSecretStore(dir, new AesCipher(undefined, 'no system keyring was found (Linux "basic_text" backend).'));
    const error = await store.set('apiKey', 'sk-1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'secrets_unavailable' });
    expect((error as Error).message).toMatch(/will not store the API key: no system keyring/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a key encrypted elsewhere (another OS key) gives a clear error, not a crash', async () => {
    await new EncryptedFileSecretStore(dir, new AesCipher()).set('apiKey', 'sk-1');
    const error = await new EncryptedFileSecretStore(dir, new AesCipher()).get('apiKey').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'secrets_unreadable' });
    expect((error as { action: string }).action).toMatch(/Enter the API key again/);
  });

  it('a write failure is a typed error', async () => {
    await writeFile(join(dir, 'blocked'), 'a file where the folder should be');
    const store = new EncryptedFileSecretStore(join(dir, 'blocked'), new AesCipher());
    await expect(store.set('apiKey', 'sk-1')).rejects.toMatchObject({ code: 'secrets_write_failed' });
  });
});
