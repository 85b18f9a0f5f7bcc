import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../settings/atomic-write';
import type { ModelParams, ParamMemory } from './cloud-params';

const Stored = z.record(
  z.string(),
  z.object({ temperature: z.boolean(), tokenParam: z.enum(['max_completion_tokens', 'max_tokens']).nullable(), streamUsage: z.boolean(), reasoning: z.boolean() }),
);

/**
 * Learned request parameters in a small JSON file (`cloud-models.json` in the app's data folder), so a reasoning model
 * fails its first line once per install, not once per start. A file that does not parse is started over: it only
 * holds what the endpoints will teach again.
 */
export class FileParamMemory implements ParamMemory {
  private readonly entries: Record<string, ModelParams>;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    let parsed: Record<string, ModelParams> = {};
    try {
      parsed = Stored.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      // missing or unreadable: nothing learned yet
    }
    this.entries = parsed;
  }

  get(key: string): ModelParams | null {
    return this.entries[key] ?? null;
  }

  set(key: string, params: ModelParams): void {
    this.entries[key] = params;
    const text = `${JSON.stringify(this.entries, null, 2)}\n`;
    // Written in order, never on the line's path: a failed write costs one more 400 after a restart, nothing else.
    this.writing = this.writing.then(() => writeFileAtomic(this.file, text).catch((e: unknown) => this.onError(e as Error)));
  }

  /** Resolves when pending writes are done (tests, shutdown). */
  flush(): Promise<void> {
    return this.writing;
  }
}
