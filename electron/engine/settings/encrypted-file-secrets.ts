import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretName, SecretStore } from './secret-store';
import { writeFileAtomic } from './atomic-write';
import { SettingsError, writeError } from './errors';

/**
 * The OS encryption the secret files rely on (Electron's safeStorage in the app).
 * `unavailableReason()` returns null when encryption protects the data, or a sentence
 * saying why it does not (no keyring on Linux, ...): then nothing is stored.
 */
export interface SecretCipher {
  unavailableReason(): string | null;
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

/**
 * One encrypted file per secret under `dir`. Refuses to store anything when the cipher
 * cannot protect it: a plaintext API key on disk is worse than asking again.
 */
export class EncryptedFileSecretStore implements SecretStore {
  constructor(
    private readonly dir: string,
    private readonly cipher: SecretCipher,
  ) {}

  private fileOf(name: SecretName): string {
    return join(this.dir, `${name}.enc`);
  }

  async get(name: SecretName): Promise<string | null> {
    let encrypted: Buffer;
    try {
      encrypted = await readFile(this.fileOf(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new SettingsError('secrets_unreadable', `Could not read the stored API key (${(error as Error).message}).`, 'Enter the API key again in Settings.', { cause: error });
    }
    const reason = this.cipher.unavailableReason();
    if (reason !== null) throw unavailable(reason);
    try {
      return this.cipher.decrypt(encrypted);
    } catch (error) {
      // Typical after moving the profile to another machine or user: the OS key differs.
      throw new SettingsError('secrets_unreadable', `The stored API key cannot be decrypted on this system (${(error as Error).message}).`, 'Enter the API key again in Settings; the old one will be replaced.', { cause: error });
    }
  }

  async set(name: SecretName, value: string | null): Promise<void> {
    const file = this.fileOf(name);
    if (value === null || value === '') {
      await rm(file, { force: true });
      return;
    }
    const reason = this.cipher.unavailableReason();
    if (reason !== null) throw unavailable(reason);
    const encrypted = this.cipher.encrypt(value);
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, encrypted, 0o600);
    } catch (error) {
      throw writeError('secrets', file, error);
    }
  }

  async has(name: SecretName): Promise<boolean> {
    try {
      return (await readFile(this.fileOf(name))).length > 0;
    } catch {
      return false;
    }
  }
}

function unavailable(reason: string): SettingsError {
  return new SettingsError(
    'secrets_unavailable',
    `Sotto will not store the API key: ${reason}`,
    'Unlock or install a system keyring (for example GNOME Keyring or KWallet) and restart Sotto, or use all-local mode, which needs no key.',
  );
}
