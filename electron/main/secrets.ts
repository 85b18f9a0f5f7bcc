import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../engine/settings/secret-store';
import { EncryptedFileSecretStore, type SecretCipher } from '../engine/settings/encrypted-file-secrets';

/**
 * Electron's safeStorage as the cipher: macOS Keychain, Windows DPAPI, Linux Secret Service
 * or KWallet. On Linux without a keyring Chromium falls back to a hard-coded key
 * ("basic_text"): that is obfuscation, not encryption, so it counts as unavailable.
 * Only valid after app 'ready'.
 */
const safeStorageCipher: SecretCipher = {
  unavailableReason() {
    if (!safeStorage.isEncryptionAvailable()) return 'the operating system offers no encryption for app secrets here (no keychain or keyring is available).';
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'no system keyring (GNOME Keyring, KWallet) is running, so the key could only be stored in plain text.';
    }
    return null;
  },
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (encrypted) => safeStorage.decryptString(encrypted),
};

/** The API key and the endpoint secrets, encrypted with safeStorage, in <userData>/secrets/<name>.enc. */
export function createSafeStorageSecretStore(userDataDir: string): SecretStore {
  return new EncryptedFileSecretStore(join(userDataDir, 'secrets'), safeStorageCipher);
}
