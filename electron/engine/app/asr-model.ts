import { isAbsolute } from 'node:path';
import type { AsrDeviceSetting, AsrDeviceStatus } from '../../contract';
import { loadWhisperModel, type WhisperModel } from '../../../native/whisper/index';
import type { AsrDevice, Placement } from '../asr-device/asr-device';
import { isModelError } from '../models/errors';
import type { ModelManager } from '../models/manager';
import { EngineFailure } from './errors';

/** Where the holder loads models: the device chooser and the setting it reads (CPU only when absent). */
export interface AsrPlacement {
  device: Pick<AsrDevice, 'place' | 'failedOnGpu'>;
  setting: () => AsrDeviceSetting;
  /** Changes when what the device chooser knows changes (a probe ended), so the next get() places the model again. */
  epoch: () => number;
}

interface Wanted {
  model: string;
  device: AsrDeviceSetting | null;
  epoch: number;
}

/**
 * The Whisper model named in settings (a catalog id or a file path), loaded once and kept, on the device the
 * placement chooses. Loading starts in the background; callers that need it await `get()`.
 */
export class AsrModelHolder {
  private loading: Promise<WhisperModel> | null = null;
  /** What the model in hand was asked for: the model setting, the device setting and the probe epoch then. */
  private wanted: Wanted | null = null;
  private deviceNow: AsrDeviceStatus | null = null;
  /** Where the loaded model is. */
  private placedAt: Pick<Placement, 'gpu' | 'flashAttn'> | null = null;
  private model: WhisperModel | null = null;
  /** Increments per load, so a slow old load can't overwrite a newer choice. */
  private generation = 0;
  private lastFailure: unknown = null;

  constructor(
    private readonly models: ModelManager,
    private readonly onChange: () => void,
    private readonly placement: AsrPlacement | null = null,
    private readonly load: typeof loadWhisperModel = loadWhisperModel,
  ) {}

  /** A model is loaded (or loading) and a probe has ended since it was placed: get() would place it again. */
  get placedBeforeLastProbe(): boolean {
    return this.loading !== null && this.placement !== null && this.wanted?.epoch !== this.placement.epoch();
  }

  /** Where the loaded model runs, and why not where the setting asked (null until loaded). */
  get device(): AsrDeviceStatus | null {
    return this.model ? this.deviceNow : null;
  }

  get loaded(): boolean {
    return this.model !== null;
  }

  /** A load is under way (a failed load is not: the status must not say "loading" after an error). */
  get loadingNow(): boolean {
    return this.loading !== null && this.model === null;
  }

  get id(): string | null {
    return this.wanted?.model ?? null;
  }

  /** Why the chosen model's last load failed (null while loading or loaded), for a window that opens after the notice. */
  get failure(): unknown {
    return this.lastFailure;
  }

  /** The model for this setting, loading it (or switching to it) when needed. */
  get(setting: string): Promise<WhisperModel> {
    const want: Wanted = { model: setting, device: this.placement?.setting() ?? null, epoch: this.placement?.epoch() ?? 0 };
    const was = this.wanted;
    if (this.loading && was?.model === want.model && was.device === want.device) {
      if (was.epoch === want.epoch) return this.loading;
      if (this.keepsPlace(want)) return this.loading;
    }
    const previous = this.loading;
    const generation = ++this.generation;
    this.wanted = want;
    this.model = null;
    this.lastFailure = null;
    const loading = (async () => {
      await previous?.then((m) => m.dispose(), () => undefined);
      const path = await this.resolvePath(setting);
      const { model, status, placedAt } = await this.loadPlaced(path);
      if (generation === this.generation) {
        this.deviceNow = status;
        this.placedAt = placedAt;
        this.model = model;
      }
      return model;
    })();
    this.loading = loading;
    loading.then(this.onChange, (error: unknown) => {
      // A failed load is retried on the next get() (e.g. after the model was installed).
      if (generation === this.generation) {
        this.loading = null;
        this.lastFailure = error;
      }
      this.onChange();
    });
    this.onChange();
    return loading;
  }

  /**
   * A probe ended (a new epoch) and the model would stay where it is: keep it, and only what the status says changes
   * (a failed probe's reason). Reloading a large model for nothing would hold up the next caption.
   */
  private keepsPlace(want: Wanted): boolean {
    if (!this.placement || !this.model || !this.placedAt || want.device === null) return false;
    const again = this.placement.device.place(want.device, this.model.path);
    if (again.gpu !== this.placedAt.gpu || again.flashAttn !== this.placedAt.flashAttn) return false;
    this.wanted = want;
    this.deviceNow = again.status;
    this.onChange();
    return true;
  }

  /** On the chosen GPU, else the CPU; a GPU that cannot take the model hands it to the CPU, and that is said. */
  private async loadPlaced(path: string): Promise<{ model: WhisperModel; status: AsrDeviceStatus; placedAt: Pick<Placement, 'gpu' | 'flashAttn'> | null }> {
    if (!this.placement) return { model: await this.load(path), status: { name: 'CPU', kind: 'cpu', fallback: null }, placedAt: null };
    const setting = this.placement.setting();
    const placed: Placement = this.placement.device.place(setting, path);
    const at = (p: Placement) => ({ gpu: p.gpu, flashAttn: p.flashAttn });
    if (placed.gpu === undefined) return { model: await this.load(path), status: placed.status, placedAt: at(placed) };
    try {
      return { model: await this.load(path, { gpu: placed.gpu, flashAttn: placed.flashAttn }), status: placed.status, placedAt: at(placed) };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'gpu_failed' && code !== 'gpu_missing') throw error;
      const fallback = this.placement.device.failedOnGpu(setting, path, placed, error);
      return { model: await this.load(path), status: fallback.status, placedAt: at(fallback) };
    }
  }

  /** The model file this setting names (a catalog id installed, or a path); a typed error says why there is none. */
  async resolvePath(setting: string): Promise<string> {
    if (isAbsolute(setting)) return setting;
    let path: string | null;
    try {
      path = await this.models.installedPath(setting);
    } catch (error) {
      // Only an id the catalog does not know is "unknown"; a damaged install says so itself, with what to do.
      if (!isModelError(error) || error.code !== 'models.unknown') throw error;
      throw new EngineFailure('asr_model_unknown', `The speech model "${setting}" is not one Sotto knows.`, 'Choose a speech model in Settings → Models.');
    }
    if (!path) {
      throw new EngineFailure(
        'asr_model_missing',
        `The speech model "${setting}" is not installed yet.`,
        'Download it in Settings → Models, or import a ggml file you already have.',
      );
    }
    return path;
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = null;
    this.model = null;
    await loading?.then((m) => m.dispose(), () => undefined);
  }
}
