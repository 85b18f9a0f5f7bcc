import type { EngineEvent, Settings } from '../../contract';
import { audioCtxForSamples } from '../../../native/whisper/index';
import { resolveAsrThreads } from '../asr/threads';
import type { AsrModel } from '../asr/types';
import type { Egress } from '../egress';
import { Ledger } from '../ledger';
import { CaptionSession, type CaptionSessionOptions } from '../session/caption-session';
import { Translators, type TranslatorsOptions } from './translators';

/** Session knobs a caller may set; everything else comes from settings and the pipeline's own parts. */
export type SessionTuning = Pick<CaptionSessionOptions, 'partials' | 'partialIntervalMs' | 'maxTokensPerSecond' | 'now'>;

export interface PipelineOptions {
  /** Read per line and per session: languages, all-local, routing, glossary, cloud, threads. */
  settings: () => Settings;
  /**
   * The speech model in use now. The caller owns loading and disposing it (the app's holder, the demo's file,
   * a benchmark's timed wrapper); the pipeline uses it for captions and for Whisper's translate task.
   */
  asr: () => Promise<AsrModel>;
  egress: Egress;
  /** The main endpoint's key, for callers without a secret store (demo, benchmarks); `secrets` wins when given. */
  apiKey?: () => string | null;
  secrets?: TranslatorsOptions['secrets'];
  paramMemory?: TranslatorsOptions['paramMemory'];
  /** Installed device translation models. */
  modelsDir: string;
  /** Checks an installed model folder before the device lane loads it (the model manager's verifyFolder). */
  verifyModelFolder?: (folder: string) => Promise<void>;
  emit: (event: EngineEvent) => void;
  /** The session's byte ledger; the app passes its own so traffic outside captions (downloads) lands in it too. */
  ledger?: Ledger;
  tuning?: SessionTuning;
}

/**
 * The product's one wiring of the caption pipeline: translators (device + cloud over the egress), the ledger, and a
 * CaptionSession on the current speech model with threads and audio-context sizing as the app uses them. The app,
 * the headless demo, the dev host (through the app) and the benchmarks all build it here.
 */
export class Pipeline {
  readonly translators: Translators;
  readonly ledger: Ledger;
  private current: { model: AsrModel; session: CaptionSession } | null = null;

  constructor(private readonly opts: PipelineOptions) {
    this.translators = new Translators({
      settings: opts.settings,
      ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
      egress: opts.egress,
      modelsDir: opts.modelsDir,
      whisper: opts.asr,
      verifyModelFolder: opts.verifyModelFolder,
      ...(opts.secrets ? { secrets: opts.secrets } : {}),
      ...(opts.paramMemory ? { paramMemory: opts.paramMemory } : {}),
    });
    this.ledger = opts.ledger ?? new Ledger({ price: () => opts.settings().cloud.pricePerMillion });
  }

  /** The session on the current speech model: kept while the model stays, replaced when it changes. */
  async session(): Promise<CaptionSession> {
    const model = await this.opts.asr();
    if (this.current?.model !== model) this.current = { model, session: this.sessionOn(model) };
    return this.current.session;
  }

  /** For typed lines: the speech session, or one that translates text only when no speech model loads. */
  async textSession(): Promise<CaptionSession> {
    try {
      return await this.session();
    } catch (error) {
      return this.sessionOn({ transcribe: () => Promise.reject(error) });
    }
  }

  /** After a model was downloaded, imported or deleted: the device lane looks again. */
  refresh(): void {
    this.translators.refresh();
  }

  async dispose(): Promise<void> {
    await this.current?.session.drain().catch(() => undefined);
    await this.translators.dispose();
  }

  private sessionOn(model: AsrModel): CaptionSession {
    return new CaptionSession({
      asr: model,
      threads: resolveAsrThreads(this.opts.settings().asrThreads),
      audioCtxFor: audioCtxForSamples,
      settings: this.opts.settings,
      translators: this.translators.current,
      ledger: this.ledger,
      emit: this.opts.emit,
      ...this.opts.tuning,
    });
  }
}
