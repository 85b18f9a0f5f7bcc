/**
 * Where secrets live: the port the engine needs, implemented by Electron main with safeStorage (OS keychain / DPAPI),
 * by an encrypted file, or in memory for the dev host. The renderer never sees a key: only whether one is set.
 */
export interface SecretStore {
  get(name: 'apiKey'): Promise<string | null>;
  set(name: 'apiKey', value: string | null): Promise<void>;
  has(name: 'apiKey'): Promise<boolean>;
}
