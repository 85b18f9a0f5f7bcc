/**
 * Where secrets live: the port the engine needs, implemented by Electron main with safeStorage (OS keychain / DPAPI),
 * by an encrypted file, or in memory for the dev host. The renderer never sees a key: only whether one is set.
 */
/**
 * The secrets Sotto keeps: the main endpoint's key (`apiKey`, bound to its origin) and, per endpoint origin, the keys
 * of replicas and the values of secret headers and query parameters (`endpointSecrets`, one JSON document).
 */
export type SecretName = 'apiKey' | 'endpointSecrets';

export interface SecretStore {
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string | null): Promise<void>;
  has(name: SecretName): Promise<boolean>;
}
