import { z } from 'zod';
import { JsonFile } from '../settings/json-file';
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
  private readonly json: JsonFile<Record<string, ModelParams>>;
  private readonly entries: Record<string, ModelParams>;

  constructor(file: string, onError: (error: Error) => void = () => undefined) {
    this.json = new JsonFile(file, Stored, onError);
    this.entries = this.json.read() ?? {}; // missing or unreadable: nothing learned yet
  }

  get(key: string): ModelParams | null {
    return this.entries[key] ?? null;
  }

  set(key: string, params: ModelParams): void {
    this.entries[key] = params;
    // A failed write costs one more 400 after a restart, nothing else.
    this.json.write(this.entries);
  }

  /** Resolves when pending writes are done (tests, shutdown). */
  flush(): Promise<void> {
    return this.json.flush();
  }
}
