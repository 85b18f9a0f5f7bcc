import type { AsrDeviceSetting, AsrDeviceStatus, EngineEvent, GpuReport, Notice } from '../../contract';
import { computeDevices, enableGpuBackends, nativeBuildId, shippedGpuModules, type ComputeDevice, type GpuBackendsReport } from '../../../native/whisper/index';
import { chooseGpu, toGpuDevice } from './choose-gpu';
import type { GpuInUseMarker } from './gpu-in-use';
import { runProbe, type ProbeLauncher, type ProbeOutcome } from './probe';
import { probeKey, type ProbeRecord, type ProbeRecords } from './probe-record';

/** The addon's GPU calls, injectable so the decisions can be tested without a GPU. */
export interface NativeGpu {
  shipped(): string[];
  buildId(): string;
  enable(): GpuBackendsReport;
  devices(): ComputeDevice[];
}

const nativeGpu: NativeGpu = { shipped: shippedGpuModules, buildId: nativeBuildId, enable: enableGpuBackends, devices: computeDevices };

export interface AsrDeviceOptions {
  records: ProbeRecords;
  /** Remembers a model on the GPU across a crash (gpu-in-use.ts); without it a crash is not remembered. */
  inUse?: GpuInUseMarker;
  launch: ProbeLauncher;
  emit: (event: EngineEvent) => void;
  /** A probe has a new result: the speech model may move to the GPU (or stay off it). */
  onProbed: () => void;
  /** Compiling a GPU's shaders the first time can take a minute or more on slow drivers. */
  probeTimeoutMs?: number;
  probeEnv?: Record<string, string>;
  native?: NativeGpu;
}

/** Where to load the speech model: whisper's GPU number (undefined: the CPU), and what the status bar says. */
export interface Placement {
  gpu?: number;
  flashAttn: boolean;
  status: AsrDeviceStatus;
}

const cpu = (fallback: string | null): Placement => ({ flashAttn: true, status: { name: 'CPU', kind: 'cpu', fallback } });
const onGpu = (device: ComputeDevice, flashAttn: boolean): Placement => ({
  gpu: device.gpuIndex,
  flashAttn,
  status: { name: device.description, kind: device.kind === 'gpu' ? 'gpu' : 'igpu', fallback: null },
});
const ACTION = 'Update the GPU driver and close overlays (Steam, OBS, Discord), then choose Try again in Settings → General; or choose CPU there.';

/**
 * Decides where Whisper runs. A GPU backend module (Vulkan) is loaded into this process only after a probe in a child
 * process ran the same steps on the same model and survived; until then, and whenever the GPU fails, the CPU runs it
 * and the status says why. Builds with the GPU built in (Metal on Apple silicon) need no probe: no third-party driver.
 */
export class AsrDevice {
  private readonly native: NativeGpu;
  private readonly probing = new Map<string, Promise<ProbeRecord>>();
  private inProcess: ComputeDevice[] | null = null;
  private probesEnded = 0;
  /** Said to every window that opens: the last run died with Whisper on the GPU. */
  readonly notices: Notice[] = [];

  constructor(private readonly opts: AsrDeviceOptions) {
    this.native = opts.native ?? nativeGpu;
    this.rememberCrash();
  }

  /** The app ends cleanly: no model is on a GPU any more, and what probes found is on disk. */
  async dispose(): Promise<void> {
    this.opts.inUse?.clear();
    await this.opts.records.flush();
  }

  /** Counts ended probes: a model placed before the last one may belong elsewhere now. */
  get epoch(): number {
    return this.probesEnded;
  }

  place(setting: AsrDeviceSetting, modelPath: string): Placement {
    const placed = this.placeProbed(setting, modelPath);
    if (placed.gpu === undefined) this.opts.inUse?.clear();
    return placed;
  }

  private placeProbed(setting: AsrDeviceSetting, modelPath: string): Placement {
    if (setting === 'cpu') return cpu(null);
    if (this.native.shipped().length === 0) return this.placeBuiltIn(setting);
    const key = this.key(setting, modelPath);
    const record = this.opts.records.get(key);
    if (!record) {
      void this.probe(key, setting, modelPath);
      return cpu(null);
    }
    if (!record.ok) return cpu(record.tell ? record.message : null);
    const device = this.devicesInProcess().find((d) => d.description === record.device && d.gpuIndex >= 0);
    if (!device) return cpu(`${record.device ?? 'The GPU'} is not available now.`);
    this.opts.inUse?.set({ key, device: device.description });
    return onGpu(device, record.flashAttn);
  }

  /** The model did not load on the GPU the probe passed (out of GPU memory, most often): CPU from now on, and say so. */
  failedOnGpu(setting: AsrDeviceSetting, modelPath: string, placement: Placement, error: unknown): Placement {
    this.opts.inUse?.clear();
    const message = `Loading the speech model on ${placement.status.name} failed (${(error as Error)?.message ?? String(error)}), so Whisper runs on the CPU.`;
    this.recordFailure(this.key(setting, modelPath), placement.status.name, message, placement.flashAttn);
    this.opts.emit({ type: 'notice', level: 'warning', code: 'asr_gpu_fallback', message: `${message} ${ACTION}` });
    return cpu(message);
  }

  report(setting: AsrDeviceSetting, modelPath: string | null): GpuReport {
    if (this.native.shipped().length === 0) {
      const devices = this.builtInDevices().map(toGpuDevice).filter((d) => d !== null);
      return { available: devices.length > 0, probing: false, devices, last: null };
    }
    const key = modelPath ? this.key(listing(setting), modelPath) : null;
    const record = key ? this.opts.records.get(key) : null;
    const last = record ? { ok: record.ok, device: record.device, message: record.message, at: record.at } : null;
    return { available: true, probing: key !== null && this.probing.has(key), devices: record?.devices ?? [], last };
  }

  /** What the last probe for this model and setting found (what Settings lists with 'cpu' chosen: 'auto''s). */
  record(setting: AsrDeviceSetting, modelPath: string): ProbeRecord | null {
    return this.opts.records.get(this.key(listing(setting), modelPath));
  }

  /** Forgets the last result for this model and setting and probes again now. */
  async reprobe(setting: AsrDeviceSetting, modelPath: string): Promise<GpuReport> {
    const key = this.key(listing(setting), modelPath);
    if (!this.probing.has(key)) this.opts.records.delete(key);
    await this.probe(key, listing(setting), modelPath);
    return this.report(setting, modelPath);
  }

  /** A marker left behind means the last run died while Whisper ran on that GPU: keep it off the GPU until asked. */
  private rememberCrash(): void {
    const crashed = this.opts.inUse?.leftBehind();
    if (!crashed) return;
    this.opts.inUse?.clear();
    const message = `Sotto closed unexpectedly while Whisper ran on ${crashed.device}, so Whisper runs on the CPU now.`;
    this.recordFailure(crashed.key, crashed.device, message);
    this.notices.push({ type: 'notice', level: 'warning', code: 'asr_gpu_crashed', message: `${message} ${ACTION}` });
  }

  /** A GPU that failed outside a probe (a real load, a crash): told, and kept with what the last probe listed. */
  private recordFailure(key: string, device: string, message: string, flashAttn?: boolean): void {
    const before = this.opts.records.get(key);
    this.opts.records.set(key, { ok: false, device, flashAttn: flashAttn ?? before?.flashAttn ?? true, message, tell: true, devices: before?.devices ?? [], at: new Date().toISOString() });
  }

  private placeBuiltIn(setting: AsrDeviceSetting): Placement {
    const device = chooseGpu(setting, this.native.devices());
    if (device) return onGpu(device, true);
    return cpu(setting === 'auto' ? null : `${setting.slice(4)} is not available in this build of Sotto, so Whisper runs on the CPU.`);
  }

  /** A build's own devices (Metal); none when the addon itself cannot load (its load error is the model's to tell). */
  private builtInDevices(): ComputeDevice[] {
    try {
      return this.native.devices();
    } catch {
      return [];
    }
  }

  private devicesInProcess(): ComputeDevice[] {
    if (!this.inProcess) {
      this.native.enable();
      this.inProcess = this.native.devices();
    }
    return this.inProcess;
  }

  private key(setting: AsrDeviceSetting, modelPath: string): string {
    return probeKey(this.native.buildId(), setting, modelPath);
  }

  private probe(key: string, setting: AsrDeviceSetting, model: string): Promise<ProbeRecord> {
    const running = this.probing.get(key);
    if (running) return running;
    const run = this.runProbes(setting, model).then((record) => {
      this.opts.records.set(key, record);
      this.probing.delete(key);
      this.probesEnded++;
      if (!record.ok && record.tell) this.opts.emit({ type: 'notice', level: 'warning', code: 'asr_gpu_probe_failed', message: `Sotto could not use the GPU: ${record.message} Whisper runs on the CPU. ${ACTION}` });
      this.opts.onProbed();
      return record;
    });
    this.probing.set(key, run);
    return run;
  }

  /** With flash attention first; a driver that dies loading or running it gets one more try without it. */
  private async runProbes(setting: AsrDeviceSetting, model: string): Promise<ProbeRecord> {
    const attempt = (flashAttn: boolean) => runProbe(this.opts.launch, { model, setting, flashAttn }, { timeoutMs: this.opts.probeTimeoutMs ?? 180_000, env: this.opts.probeEnv ?? {} });
    const first = await attempt(true);
    if (first.ok || !retryWithoutFlashAttn(first)) return toRecord(first, true, setting);
    const second = await attempt(false);
    return second.ok ? toRecord(second, false, setting) : toRecord(first, true, setting);
  }
}

/** With 'cpu' chosen, Settings still lists the GPUs: those 'auto' would look at. */
const listing = (setting: AsrDeviceSetting): AsrDeviceSetting => (setting === 'cpu' ? 'auto' : setting);

function retryWithoutFlashAttn(outcome: Extract<ProbeOutcome, { ok: false }>): boolean {
  if (outcome.reason === 'gpu_failed') return true;
  return (outcome.reason === 'crashed' || outcome.reason === 'timeout') && 'step' in outcome && (outcome.step === 'load' || outcome.step === 'transcribe');
}

function toRecord(outcome: ProbeOutcome, flashAttn: boolean, setting: AsrDeviceSetting): ProbeRecord {
  const devices = outcome.devices.map(toGpuDevice).filter((d) => d !== null);
  const at = new Date().toISOString();
  if (outcome.ok) {
    const how = flashAttn ? '' : ' without flash attention (the driver crashed with it)';
    return { ok: true, device: outcome.device.description, flashAttn, message: `Whisper ran on ${outcome.device.description}${how}.`, tell: false, devices, at };
  }
  // "No GPU here" is not news when the setting is automatic. A GPU module this build ships that did not load (the
  // Vulkan runtime missing), a crash, a failing GPU or a missing named GPU is.
  const tell = setting !== 'auto' || outcome.reason !== 'no_gpu';
  const message = outcome.message.endsWith('.') ? outcome.message : `${outcome.message}.`;
  return { ok: false, device: setting === 'auto' ? null : setting.slice(4), flashAttn, message: message.charAt(0).toUpperCase() + message.slice(1), tell, devices, at };
}
