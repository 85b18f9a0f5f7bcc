import type { Settings } from '../../contract';
import { resolveAsrThreads } from '../asr/threads';
import type { AsrModel } from '../asr/types';
import type { Egress } from '../egress';
import { createCloudTranslator, type CloudTranslator } from '../translate/cloud';
import type { EndpointSecrets } from '../translate/cloud-endpoint';
import type { ParamMemory } from '../translate/cloud-params';
import { DeviceTranslator } from '../translate/device';
import type { LineTranslators } from '../translate/translate-line';

export interface TranslatorsOptions {
  settings: () => Settings;
  /** The main endpoint's key, for callers without a secret store; `secrets` wins when given. */
  apiKey?: () => string | null;
  /** The secrets bound to an endpoint origin (the app's store); without it only `apiKey`, for the main endpoint. */
  secrets?: (origin: string) => EndpointSecrets;
  /** Request parameters learned per endpoint + model, remembered across restarts in the app. */
  paramMemory?: ParamMemory;
  egress: Egress;
  /** Installed models (opus-mt-*, nllb-*, m2m100-* folders). */
  modelsDir: string;
  /** The loaded Whisper model, for its translate task (→ English) on the device. */
  whisper: () => Promise<AsrModel>;
  /** Checks an installed model folder before the device lane loads it (the model manager's verifyFolder). */
  verifyModelFolder?: (folder: string) => Promise<void>;
}

/**
 * The two lanes as configured right now. The cloud lane exists only while an endpoint is set; all-local mode is
 * enforced by the router and, below it, by the egress module.
 */
export class Translators {
  readonly device: DeviceTranslator;
  private readonly cloud: CloudTranslator;

  constructor(private readonly opts: TranslatorsOptions) {
    this.device = new DeviceTranslator({
      modelsDir: opts.modelsDir,
      verifyFolder: opts.verifyModelFolder,
      whisperTranslate: async (audio, sourceLanguage) => {
        const model = await opts.whisper();
        const result = await model.transcribe(audio, { language: sourceLanguage, translate: true, threads: resolveAsrThreads(opts.settings().asrThreads) });
        const tokens = result.segments.reduce((n, s) => n + Math.max(1, s.tokens), 0);
        const meanTokenProb = tokens ? result.segments.reduce((sum, s) => sum + s.meanTokenProb * Math.max(1, s.tokens), 0) / tokens : 0;
        return { text: result.text.trim(), meanTokenProb };
      },
    });
    this.cloud = createCloudTranslator({
      egress: opts.egress,
      settings: () => opts.settings().cloud,
      ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
      ...(opts.secrets ? { secrets: opts.secrets } : {}),
      ...(opts.paramMemory ? { memory: opts.paramMemory } : {}),
    });
  }

  current = (): LineTranslators => ({
    device: this.device,
    cloud: this.opts.settings().cloud.baseUrl ? this.cloud : null,
  });

  /** After a model was downloaded, imported or deleted. */
  refresh(): void {
    this.device.refresh();
  }

  async dispose(): Promise<void> {
    await this.device.dispose();
  }
}
