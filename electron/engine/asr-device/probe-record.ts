import { statSync } from 'node:fs';
import { z } from 'zod';
import { GpuDevice } from '../../contract';
import { JsonFile } from '../settings/json-file';

/** What a probe taught about one model on one setting with one addon build. */
export const ProbeRecord = z.object({
  ok: z.boolean(),
  /** The GPU it ran on (its description), or the one it failed on; null when none was found. */
  device: z.string().nullable(),
  /** False when the driver crashed with flash attention and ran without it. */
  flashAttn: z.boolean(),
  message: z.string(),
  /** Whether Settings should tell the user (a crash, a GPU that failed); "no GPU here" is not news. */
  tell: z.boolean(),
  devices: z.array(GpuDevice),
  at: z.string(),
});
export type ProbeRecord = z.infer<typeof ProbeRecord>;

const ProbeFile = z.object({ version: z.literal(1), records: z.record(z.string(), ProbeRecord) });

/** The key a result is kept under: a new build, a changed model file or another setting probes again. */
export function probeKey(buildId: string, setting: string, modelPath: string): string {
  let file = 'missing';
  try {
    const s = statSync(modelPath);
    file = `${s.size}:${Math.round(s.mtimeMs)}`;
  } catch {
    // an unreadable model fails its own load; the key only has to differ from a readable one
  }
  return JSON.stringify([buildId, setting, modelPath, file]);
}

/** Probe results, kept in the user data folder (gpu-probe.json) so each launch does not probe again. */
export class ProbeRecords {
  private readonly file: JsonFile<z.infer<typeof ProbeFile>>;
  private readonly records: Map<string, ProbeRecord>;

  constructor(path: string, onError?: (error: Error) => void) {
    this.file = new JsonFile(path, ProbeFile, onError);
    this.records = new Map(Object.entries(this.file.read()?.records ?? {}));
  }

  get(key: string): ProbeRecord | null {
    return this.records.get(key) ?? null;
  }

  set(key: string, record: ProbeRecord): void {
    this.records.set(key, record);
    // Only the newest few are worth keeping: other models and settings are probed again when chosen.
    while (this.records.size > 16) this.records.delete(this.records.keys().next().value as string);
    this.file.write({ version: 1, records: Object.fromEntries(this.records) });
  }

  delete(key: string): void {
    if (this.records.delete(key)) this.file.write({ version: 1, records: Object.fromEntries(this.records) });
  }

  flush(): Promise<void> {
    return this.file.flush();
  }
}
