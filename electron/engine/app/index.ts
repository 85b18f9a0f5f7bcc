import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type EngineEvent,
  type PublicSettings,
  type Settings,
  type Status,
} from '../../contract';
import { audioCtxForSamples } from '../../../native/whisper/index';
import { listMicDevices } from '../capture/mic-source';
import type { Egress } from '../egress';
import { loadCatalog } from '../models/catalog';
import { CaptionSession } from '../session/caption-session';
import { SettingsStore } from '../settings/store';
import { checkEndpoint } from '../translate/cloud';
import { resolveAsrThreads } from '../asr/threads';
import { createAppEgress, createAppModelManager } from './app-egress';
import { AsrModelHolder } from './asr-model';
import { CaptureController } from './capture-controller';
import { describeFailure, EngineFailure } from './errors';
import { Translators } from './translators';
import type { EngineApp, EngineAppOptions } from './types';

export type { EngineApp, EngineAppOptions, SecretStore } from './types';
export { defaultUserDataDir } from './user-data';

const repoResources = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../resources');

/**
 * The engine behind the UI: settings, models, capture, transcription, translation and ledger,
 * answering the contract's commands and emitting its events. Electron main and the dev host
 * both wrap one of these.
 */
export async function createEngineApp(options: EngineAppOptions): Promise<EngineApp> {
  const resourcesDir = options.resourcesDir ?? repoResources;
  const modelsDir = options.modelsDir ?? join(options.userDataDir, 'models');
  const listeners = new Set<(event: EngineEvent) => void>();
  const emit = (event: EngineEvent): void => {
    for (const listener of listeners) listener(event);
    if (event.type === 'caption.final') learnEndpointState(event);
  };
  /** Each cloud line tells whether the endpoint answers; the status bar follows without extra requests. */
  const learnEndpointState = (caption: Extract<EngineEvent, { type: 'caption.final' }>): void => {
    // A fallback with nothing received means no answer at all (down, refused, timed out).
    const next = caption.lane === 'cloud' ? 'reachable' : caption.fallback && caption.bytes.received === 0 ? 'unreachable' : null;
    if (next && next !== endpoint) {
      endpoint = next;
      emit(status());
    }
  };

  const store = await SettingsStore.open({ dir: options.userDataDir });
  const settings = (): Settings => store.get();
  const catalog = await loadCatalog(join(resourcesDir, 'models.json'));

  const egress: Egress = createAppEgress(settings, catalog, options.userDataDir, {
    // Traffic that belongs to no caption (endpoint checks, model downloads) still counts in the ledger:
    // its bytes_sent is everything that left this machine. Translations are counted per caption.
    onTraffic: (record) => {
      if (record.purpose === 'translation' || record.blocked) return;
      const totals = translation.ledger.addTraffic({ sent: record.bytes_sent, received: record.bytes_received });
      emit({ type: 'ledger.updated', totals });
    },
    onAuditError: (error) =>
      emit({ type: 'notice', level: 'warning', code: 'audit_write_failed', message: `The audit log could not be written: ${error.message}` }),
  });

  const models = createAppModelManager(egress, {
    catalog,
    modelsDir,
    settings: () => ({ allLocal: settings().allLocal, modelMirror: settings().modelMirror }),
    onProgress: emit,
  });

  /** Last endpoint check; 'unknown' until checked, and again after the URL or key changes. */
  let endpoint: 'unknown' | 'reachable' | 'unreachable' = 'unknown';
  const publishStatus = (): void => emit(status());
  const asr = new AsrModelHolder(models, publishStatus);
  /** Kept in memory for the cloud client; stored only through the SecretStore (safeStorage in the app). */
  let apiKey = await options.secrets.get('apiKey');
  const translation = new Translators({ settings, apiKey: () => apiKey, egress, modelsDir, whisper: () => asr.get(settings().asrModel) });

  let session: { model: unknown; session: CaptionSession } | null = null;
  const sessionForModel = async (): Promise<CaptionSession> => {
    const model = await asr.get(settings().asrModel);
    if (session?.model !== model) {
      session = {
        model,
        session: new CaptionSession({
          asr: model,
          threads: resolveAsrThreads(settings().asrThreads),
          audioCtxFor: audioCtxForSamples,
          settings,
          translators: translation.current,
          ledger: translation.ledger,
          emit,
        }),
      };
    }
    return session.session;
  };

  const capture = new CaptureController({
    session: sessionForModel,
    micDevice: () => settings().micDeviceIndex,
    vadSettings: () => settings().vad,
    emit,
    onChange: publishStatus,
    ...(options.requestMicrophoneAccess ? { requestMicrophoneAccess: options.requestMicrophoneAccess } : {}),
  });

  const endpointState = (): Status['endpoint'] => {
    const s = settings();
    if (s.allLocal) return 'blocked';
    if (!s.cloud.baseUrl) return 'unconfigured';
    return endpoint;
  };

  function status(message: string | null = null): Status {
    const s = settings();
    const state: Status['state'] = capture.capturing ? 'listening' : asr.loaded ? 'ready' : asr.loadingNow ? 'loading' : 'idle';
    return {
      type: 'status',
      state,
      mode: s.mode,
      model: { id: asr.id, loaded: asr.loaded },
      mic: { device: capture.deviceLabel, capturing: capture.capturing },
      endpoint: endpointState(),
      all_local: s.allLocal,
      message,
    };
  }

  const publicSettings = async (): Promise<PublicSettings> => ({ ...settings(), apiKeySet: await options.secrets.has('apiKey') });

  store.onChange((next, previous) => {
    void publicSettings().then((s) => emit({ type: 'settings.changed', settings: s }));
    if (next.asrModel !== previous.asrModel) preloadModel();
    if (next.cloud.baseUrl !== previous.cloud.baseUrl) endpoint = 'unknown';
    if (next.mode !== previous.mode) void capture.stop();
    publishStatus();
  });

  /** Loads the speech model in the background so the first press is quick; failures are told once. */
  const preloadModel = (): void => {
    asr.get(settings().asrModel).catch((error: unknown) => {
      const f = describeFailure(error, 'asr_model_failed', 'Choose or download a speech model in Settings → Models.');
      emit({ type: 'error', ...f, recoverable: true, caption_id: null });
    });
  };
  preloadModel();

  type Handlers = { [K in CommandName]: (request: CommandRequest<K>) => Promise<CommandResponse<K>> };
  const ok = { ok: true as const };
  const handlers: Handlers = {
    'settings.get': () => publicSettings(),
    'settings.update': async ({ patch }) => {
      await store.update(patch);
      return publicSettings();
    },
    'apikey.set': async ({ key }) => {
      await options.secrets.set('apiKey', key);
      apiKey = key;
      endpoint = 'unknown';
      const s = await publicSettings();
      emit({ type: 'settings.changed', settings: s });
      return s;
    },
    'status.get': async () => status(),
    'ledger.get': async () => translation.ledger.totals(),
    'mics.list': async () => ({ devices: listMicDevices() }),
    'mode.set': async ({ mode }) => {
      await store.update({ mode });
      return status();
    },
    'ptt.press': async () => {
      await capture.pttPress();
      return ok;
    },
    'ptt.release': async () => {
      await capture.pttRelease();
      return ok;
    },
    'listen.set': async ({ on }) => {
      await capture.setListening(on);
      return status();
    },
    'text.translate': async ({ text }) => ({ id: (await sessionForText()).translateText(text) }),
    'endpoint.check': async () => {
      const result = await checkEndpoint(egress, settings().cloud, apiKey);
      if (result.state === 'reachable' || result.state === 'unreachable') endpoint = result.state;
      const current = status(result.message);
      emit(current);
      return current;
    },
    'models.list': async () => ({ models: await models.list() }),
    'models.download': async ({ id, allowInAllLocal }) => {
      models.model(id); // unknown id → clear error now, not in a progress event
      models.download(id, { allowInAllLocal: allowInAllLocal ?? false }).then(
        () => modelInstalled(id),
        (error: unknown) => {
          const f = describeFailure(error, 'model_download_failed', 'Try again, set a download mirror in Settings, or import the file.');
          emit({ type: 'error', ...f, recoverable: true, caption_id: null });
        },
      );
      return ok;
    },
    'models.cancel': async ({ id }) => {
      models.cancel(id);
      return ok;
    },
    'models.delete': async ({ id }) => {
      const list = await models.delete(id);
      translation.refresh();
      return { models: list };
    },
    'models.import': async ({ id, path }) => {
      await models.import(id, path);
      await modelInstalled(id);
      return { models: await models.list() };
    },
  };

  /**
   * After a download or import: the device lane sees the new folder, and a speech model becomes the one in use
   * when the chosen one is not installed (a first run that downloaded the recommended model just works).
   */
  async function modelInstalled(id: string): Promise<void> {
    translation.refresh();
    if (models.model(id).kind !== 'whisper') return;
    const current = settings().asrModel;
    const currentUsable = isAbsolute(current) || (await models.isInstalled(current).catch(() => false));
    if (!currentUsable) await store.update({ asrModel: id }); // the settings listener loads it
    else if (id === current) preloadModel();
  }

  /** Typed lines need no speech model when one isn't installed: translate them anyway. */
  const sessionForText = async (): Promise<CaptionSession> => {
    try {
      return await sessionForModel();
    } catch {
      return new CaptionSession({
        asr: { transcribe: () => Promise.reject(new EngineFailure('asr_model_missing', 'No speech model is loaded.', 'Choose a speech model in Settings → Models.')) },
        threads: 1,
        audioCtxFor: audioCtxForSamples,
        settings,
        translators: translation.current,
        ledger: translation.ledger,
        emit,
      });
    }
  };

  return {
    async invoke<K extends CommandName>(command: K, request: CommandRequest<K>): Promise<CommandResponse<K>> {
      const handler = handlers[command] as (r: CommandRequest<K>) => Promise<CommandResponse<K>>;
      if (!handler) throw new EngineFailure('unknown_command', `The engine has no command "${command}".`, 'Update Sotto.');
      return handler(request);
    },
    onEvent(listener) {
      listeners.add(listener);
      // A new window learns the current state, and anything it must not miss.
      queueMicrotask(() => {
        if (!listeners.has(listener)) return;
        listener(status());
        // Notices the user must see even when the window subscribes late (a reset settings file).
        for (const notice of store.loadNotices) listener(notice);
      });
      return () => listeners.delete(listener);
    },
    async dispose() {
      await capture.dispose();
      await session?.session.drain().catch(() => undefined);
      await translation.dispose();
      await asr.dispose();
      listeners.clear();
    },
  };
}
