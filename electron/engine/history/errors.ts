import { ActionableError, type EngineError } from '../../contract';

export type HistoryErrorCode = 'history_disk_full' | 'history_unwritable' | 'history_unreadable' | 'history_not_found' | 'history_write_failed';

/** A history failure the user can act on; captions go on whatever happens here. */
export class HistoryError extends ActionableError<HistoryErrorCode> {}

const errnoOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** A failed write to the history folder, in words: disk full, folder not writable, or anything else. */
export function historyWriteError(dir: string, error: unknown): HistoryError {
  const errno = errnoOf(error);
  const options = { cause: error };
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    return new HistoryError('history_disk_full', 'History is not being saved: the disk is full. Live captions go on.', `Free some disk space; history resumes with the next caption. Folder: ${dir}`, options);
  }
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS' || errno === 'ENOTDIR' || errno === 'EISDIR' || errno === 'EEXIST') {
    return new HistoryError('history_unwritable', `History is not being saved: Sotto may not write to its history folder (${errno}). Live captions go on.`, `Make ${dir} writable for your user, or turn history off in History.`, options);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new HistoryError('history_write_failed', `History is not being saved (${detail}). Live captions go on.`, `Check the history folder ${dir}; history resumes with the next caption that can be written.`, options);
}

/** A failed read of the history folder (listing, search, export). */
export function historyReadError(dir: string, error: unknown): HistoryError {
  const errno = errnoOf(error) ?? String(error);
  return new HistoryError('history_unreadable', `The history folder could not be read (${errno}).`, `Check that ${dir} exists and is readable for your user.`, { cause: error });
}

export const sessionNotFound = (id: string): HistoryError =>
  new HistoryError('history_not_found', `There is no history session ${id}.`, 'It may have been deleted or expired; refresh the list.');

/** The UI's form of a write failure: a recoverable engine error, shown as a notice with its action. */
export const asEngineError = (error: HistoryError): EngineError => ({
  type: 'error',
  code: error.code,
  message: error.message,
  action: error.action,
  recoverable: true,
  caption_id: null,
});
