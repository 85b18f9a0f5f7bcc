import type { SecretStore } from '../settings/secret-store';

/** The cloud endpoint's key: kept in memory for the cloud client, stored only through the SecretStore. */
export class ApiKey {
  private constructor(
    private readonly secrets: SecretStore,
    private value: string | null,
  ) {}

  static async open(secrets: SecretStore): Promise<ApiKey> {
    return new ApiKey(secrets, await secrets.get('apiKey'));
  }

  readonly get = (): string | null => this.value;

  async set(key: string | null): Promise<void> {
    await this.secrets.set('apiKey', key);
    this.value = key;
  }

  /** What the window may learn: whether a key is set, never the key. */
  isSet(): Promise<boolean> {
    return this.secrets.has('apiKey');
  }
}
