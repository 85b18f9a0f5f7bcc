import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-write';

/**
 * A small JSON file the engine keeps beside the settings (what it learned, what it counted): read once when opened,
 * written atomically and in order, never on the caller's path. A file that is missing or does not parse reads as
 * null; a failed write is reported, never thrown, since the next write carries the whole value again.
 */
export class JsonFile<T> {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  read(): T | null {
    try {
      return this.schema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      return null;
    }
  }

  write(value: T): void {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    this.writing = this.writing.then(() => writeFileAtomic(this.file, text).catch((e: unknown) => this.onError(e as Error)));
  }

  /** Resolves when pending writes are done (tests, shutdown). */
  flush(): Promise<void> {
    return this.writing;
  }
}
