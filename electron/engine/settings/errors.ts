import { ActionableError } from '../../contract';

/** Error codes of the settings layer; `action` tells the user what to do (it reaches the UI as a CommandError). */
export type SettingsErrorCode =
  | 'settings_invalid_patch'
  | 'settings_locked_by_all_local'
  | 'settings_write_failed'
  | 'settings_disk_full'
  | 'settings_permission_denied'
  | 'secrets_unavailable'
  | 'secrets_write_failed'
  | 'secrets_unreadable';

export class SettingsError extends ActionableError<SettingsErrorCode> {}

/** Turns a failed write (errno) into a SettingsError that says what happened and what to do. */
export function writeError(what: 'settings' | 'secrets', file: string, error: unknown): SettingsError {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (what === 'secrets') {
    return new SettingsError('secrets_write_failed', `Could not save the API key to ${file}: ${detail}.`, 'Check that the folder is writable and the disk has free space, then try again.', { cause: error });
  }
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    return new SettingsError('settings_disk_full', `Settings were not saved: the disk is full (${file}).`, 'Free some disk space, then change the setting again. Your previous settings are still in effect.', { cause: error });
  }
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') {
    return new SettingsError('settings_permission_denied', `Settings were not saved: no permission to write ${file} (${errno}).`, 'Make the settings folder writable for your user, then change the setting again. Your previous settings are still in effect.', { cause: error });
  }
  return new SettingsError('settings_write_failed', `Settings were not saved to ${file}: ${detail}.`, 'Try again; if it keeps failing, check the settings folder. Your previous settings are still in effect.', { cause: error });
}
