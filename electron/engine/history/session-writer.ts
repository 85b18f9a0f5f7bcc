import { mkdir, open, type FileHandle } from 'node:fs/promises';

/**
 * Appends records to one session file, each flushed to the disk before the next (a kill -9 loses at most the line
 * being written). After a failed write the file may end in a fragment: the next record starts on a new line, so
 * the fragment stays a damaged line of its own that readers skip.
 */
export class SessionWriter {
  private handle: FileHandle | null = null;
  private torn = false;

  constructor(
    readonly file: string,
    private readonly dir: string,
  ) {}

  async append(record: string): Promise<void> {
    const handle = await this.opened();
    try {
      await handle.write(this.torn ? `\n${record}` : record);
      await handle.datasync();
      this.torn = false;
    } catch (error) {
      // Reopened on the next record: the file may have been replaced or the disk freed meanwhile.
      this.torn = true;
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }

  private async opened(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // 'a': every write lands at the end, even after a fragment; 0o600: transcripts are for this user only.
    this.handle = await open(this.file, 'a', 0o600);
    return this.handle;
  }
}
