import type { SecretName, SecretStore } from './secret-store';

/**
 * Secrets kept only in this process's memory: the dev host's store (the browser transport has
 * no OS keychain) and the tests'. Nothing is written anywhere; a restart forgets the key.
 */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<SecretName, string>();

  async get(name: SecretName): Promise<string | null> {
    return this.values.get(name) ?? null;
  }

  async set(name: SecretName, value: string | null): Promise<void> {
    if (value === null || value === '') this.values.delete(name);
    else this.values.set(name, value);
  }

  async has(name: SecretName): Promise<boolean> {
    return this.values.has(name);
  }
}
