/**
 * TEST-ONLY EngineApp: a small, deterministic second implementation of the engine's
 * interface, used to test the transports and the UI without a microphone or models.
 * It is never imported by product code (scripts/dev/dev-web.ts uses the real createEngineApp).
 */
import {
  applySettingsPatch,
  defaultSettings,
  type AsrDeviceStatus,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type EngineEvent,
  type GpuReport,
  type PublicSettings,
  type Settings,
  type Status,
} from '../../electron/contract';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyCommands } from '../../electron/engine/app/commands';
import type { EngineApp } from '../../electron/engine/app/types';
import { History } from '../../electron/engine/history';
import { Ledger } from '../../electron/engine/ledger';
import { scriptedCatalog } from './scripted-catalog';
import { scriptLine, type CloudFault } from './scripted-lines';

export type { CloudFault } from './scripted-lines';

export interface ScriptedEngine extends EngineApp {
  /** Pushes any value to the event listeners, valid or not (transport tests send bad ones too). */
  emit(event: unknown): void;
  /** Calls the engine received, in order. */
  readonly calls: Array<{ command: string; request: unknown }>;
  /** From now on, lines routed to the cloud fail like a real endpoint would, and fall back to the device. */
  setCloudFault(fault: CloudFault | null): void;
  /** The next download of this model fails the way the real manager reports it (progress error + error event). */
  failDownload(id: string, message: string, action: string): void;
}

export interface ScriptedOptions {
  /** Model ids installed from the start (none by default, as on a first run). */
  installed?: string[];
  /** What `endpoint.check` finds: its state and the reason it gives. */
  endpointCheck?: { state: 'reachable' | 'unreachable' | 'failing'; message: string | null };
  /** History is written under <userDataDir>/history (default: a temp folder, removed on dispose). */
  userDataDir?: string;
  /** What `asr.gpu` reports (default: a build without a GPU backend, as on macOS Intel and dev builds). */
  gpu?: GpuReport;
}

/** A typed failure, shaped like the real engine's errors. */
class ScriptedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly action: string,
  ) {
    super(message);
  }
}

const SPOKEN = ['Good morning, everyone.', 'Let us look at the quarterly numbers together.', 'The new office opens in March.'];

export function createScriptedEngine(initial: Partial<Settings> = {}, options: ScriptedOptions = {}): ScriptedEngine {
  const listeners = new Set<(event: EngineEvent) => void>();
  const calls: Array<{ command: string; request: unknown }> = [];
  let settings: Settings = { ...defaultSettings(), ...initial };
  let apiKeySet = false;
  // The product's own ledger: the scripted engine scripts captions, never the arithmetic the UI shows.
  const ledger = new Ledger({ price: () => settings.cloud.pricePerMillion });
  // The product's own history too: the history screens read real files, written and exported by the real code.
  const ownDir = options.userDataDir ? null : mkdtempSync(join(tmpdir(), 'sotto-scripted-'));
  const captionHistory = new History({ dir: join(options.userDataDir ?? ownDir!, 'history'), retention: () => settings.history.retention, report: (e) => emit(e) });
  const historyHandlers: Partial<Record<string, (request: never) => Promise<unknown>>> = historyCommands({ history: captionHistory, settings: () => settings });
  let lineNo = 0;
  let pressed = false;
  let cloudFault: CloudFault | null = null;
  let endpoint: Status['endpoint'] | null = null;
  const downloadFailures = new Map<string, { message: string; action: string }>();
  const models = scriptedCatalog(options.installed ?? []);

  let gpu: GpuReport = options.gpu ?? { available: false, probing: false, devices: [], last: null };
  /** The GPU the setting names when the scripted report lists it and its probe passed, else the CPU. */
  const scriptedDevice = (): AsrDeviceStatus => {
    const named = gpu.devices.find((d) => d.id === settings.asrDevice);
    if (named && gpu.last?.ok) return { name: named.description, kind: named.kind, fallback: null };
    const fallback = settings.asrDevice === 'cpu' || !gpu.last || gpu.last.ok ? null : gpu.last.message;
    return { name: 'CPU', kind: 'cpu', fallback };
  };
  const publicSettings = (): PublicSettings => ({ ...settings, apiKeySet });
  const status = (message: string | null = null): Status => ({
    type: 'status',
    state: pressed ? 'listening' : 'ready',
    mode: settings.mode,
    model: { id: settings.asrModel, loaded: models.some((m) => m.id === settings.asrModel && m.installed), device: scriptedDevice() },
    mic: { device: 'Scripted microphone', capturing: pressed },
    endpoint: settings.allLocal ? 'blocked' : !settings.cloud.baseUrl ? 'unconfigured' : (endpoint ?? 'unknown'),
    all_local: settings.allLocal,
    message,
  });
  const emit = (event: unknown): void => {
    for (const l of listeners) l(event as EngineEvent);
  };

  function finishLine(text: string, audioBytes: number): string {
    const id = `line-${++lineNo}`;
    const { partial, final } = scriptLine({ id, text, audioBytes, settings, models, cloudFault });
    emit(partial);
    emit(final);
    void captionHistory.record(final);
    emit({ type: 'ledger.updated', totals: ledger.add(final) });
    if (final.cloud) {
      // Like the real engine: the status bar follows the latest cloud outcome.
      endpoint = final.fallback ? (final.bytes.received > 0 ? 'failing' : 'unreachable') : 'reachable';
      emit(status());
    }
    return id;
  }

  function download(id: string): { ok: true } {
    const model = models.find((m) => m.id === id);
    if (!model) throw new ScriptedError('model_unknown', `There is no model "${id}" in the catalog.`, 'Pick a model from the list.');
    const failure = downloadFailures.get(id);
    const progress = (state: string, fraction: number, message: string | null = null) =>
      emit({ type: 'model.progress', id, state, bytes: Math.round(model.size * fraction), total: model.size || null, speed_bps: 5_000_000, eta_s: state === 'downloading' ? 15 : null, message });
    progress('queued', 0);
    progress('downloading', 0.5);
    if (failure) {
      downloadFailures.delete(id);
      progress('error', 0.5, `${failure.message} ${failure.action}`);
      emit({ type: 'error', code: 'models.http', message: failure.message, action: failure.action, recoverable: true, caption_id: null });
      return { ok: true };
    }
    progress('verifying', 1);
    progress('done', 1);
    model.installed = true;
    // A public file request: the ledger keeps it apart from caption text.
    emit({ type: 'ledger.updated', totals: ledger.addTraffic({ purpose: 'model-download', bytes_sent: 308, bytes_received: model.size }) });
    return { ok: true };
  }

  function checkEndpoint(): Status {
    const found = options.endpointCheck ?? { state: 'reachable', message: null };
    endpoint = found.state;
    emit({ type: 'ledger.updated', totals: ledger.addTraffic({ purpose: 'endpoint-check', bytes_sent: 250, bytes_received: found.state === 'unreachable' ? 0 : 120 }) });
    const s = status(found.message);
    emit(s);
    return s;
  }

  async function handle(command: CommandName, request: unknown): Promise<unknown> {
    const historyHandler = historyHandlers[command];
    if (historyHandler) return historyHandler(request as never);
    switch (command) {
      case 'settings.get':
        return publicSettings();
      case 'settings.update': {
        settings = applySettingsPatch(settings, (request as CommandRequest<'settings.update'>).patch);
        emit({ type: 'settings.changed', settings: publicSettings() });
        emit(status());
        return publicSettings();
      }
      case 'apikey.set':
        apiKeySet = (request as CommandRequest<'apikey.set'>).key !== null;
        emit({ type: 'settings.changed', settings: publicSettings() });
        return publicSettings();
      case 'status.get':
        return status();
      case 'endpoint.check':
        return checkEndpoint();
      case 'ledger.get':
        return ledger.totals();
      case 'mics.list':
        return { devices: [{ index: 0, name: 'Scripted microphone' }, { index: 1, name: 'Second microphone' }] };
      case 'mode.set':
        settings = { ...settings, mode: (request as CommandRequest<'mode.set'>).mode };
        emit(status());
        return status();
      case 'listen.set':
        pressed = (request as CommandRequest<'listen.set'>).on;
        emit(status());
        return status();
      case 'ptt.press':
        pressed = true;
        emit(status());
        emit({ type: 'mic.level', rms: 0.2, peak: 0.5 });
        return { ok: true };
      case 'ptt.release':
        if (pressed) {
          pressed = false;
          emit(status());
          finishLine(SPOKEN[lineNo % SPOKEN.length]!, 48_000);
        }
        return { ok: true };
      case 'text.translate':
        return { id: finishLine((request as CommandRequest<'text.translate'>).text, 0) };
      case 'models.list':
        return { models };
      case 'asr.gpu':
        return gpu;
      case 'asr.gpu.probe':
        gpu = { ...gpu, last: gpu.last && { ...gpu.last, at: new Date().toISOString() } };
        return gpu;
      case 'models.download':
        return download((request as CommandRequest<'models.download'>).id);
      case 'models.cancel':
        return { ok: true };
      case 'models.delete': {
        const model = models.find((m) => m.id === (request as CommandRequest<'models.delete'>).id);
        if (model) model.installed = false;
        return { models };
      }
      case 'models.import': {
        const { id, path } = request as CommandRequest<'models.import'>;
        if (!path.startsWith('/')) throw new ScriptedError('import_failed', `"${path}" is not an absolute path.`, 'Enter the full path of the model file, starting with /.');
        const model = models.find((m) => m.id === id);
        if (model) model.installed = true;
        return { models };
      }
    }
  }

  return {
    calls,
    emit,
    setCloudFault: (fault) => {
      cloudFault = fault;
    },
    failDownload: (id, message, action) => {
      downloadFailures.set(id, { message, action });
    },
    async invoke<K extends CommandName>(command: K, request: CommandRequest<K>): Promise<CommandResponse<K>> {
      calls.push({ command, request });
      return (await handle(command, request)) as CommandResponse<K>;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      listeners.clear();
      await captionHistory.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

/** The scripted engine under the real factory's name, so it can stand in via `engineModule` (child-process hosts). */
export async function createEngineApp(): Promise<EngineApp> {
  // A machine that is set up: a speech model and the en→de / en→fr translators installed.
  return createScriptedEngine({}, { installed: ['ggml-base', 'opus-mt-en-de', 'opus-mt-en-fr'] });
}
