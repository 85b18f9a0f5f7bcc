/**
 * TEST-ONLY EngineApp: a small, deterministic second implementation of the engine's
 * interface, used to test the transports and the UI without a microphone or models.
 * It is never imported by product code (scripts/dev/dev-web.ts uses the real createEngineApp).
 */
import {
  applySettingsPatch,
  CaptionFinal,
  defaultSettings,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type EngineEvent,
  type ModelEntry,
  type PublicSettings,
  type Settings,
  type Status,
} from '../../electron/contract';
import type { EngineApp } from '../../electron/engine/app/types';
import { Ledger } from '../../electron/engine/ledger';

export interface ScriptedEngine extends EngineApp {
  /** Pushes any value to the event listeners, valid or not (transport tests send bad ones too). */
  emit(event: unknown): void;
  /** Calls the engine received, in order. */
  readonly calls: Array<{ command: string; request: unknown }>;
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

export function createScriptedEngine(initial: Partial<Settings> = {}): ScriptedEngine {
  const listeners = new Set<(event: EngineEvent) => void>();
  const calls: Array<{ command: string; request: unknown }> = [];
  let settings: Settings = { ...defaultSettings(), ...initial };
  let apiKeySet = false;
  // The product's own ledger: the scripted engine scripts captions, never the arithmetic the UI shows.
  const ledger = new Ledger();
  let lineNo = 0;
  let pressed = false;
  const models: ModelEntry[] = [
    { id: 'ggml-tiny', kind: 'whisper', name: 'Whisper tiny', size: 77_691_713, languages: ['multilingual'], installed: false, recommended: false, description: 'Fastest, least accurate.' },
    { id: 'ggml-base', kind: 'whisper', name: 'Whisper base', size: 147_951_465, languages: ['multilingual'], installed: false, recommended: true, description: 'Good balance for live captions.' },
    { id: 'opus-mt-en-de', kind: 'translation', name: 'OPUS-MT English → German', size: 110_000_000, languages: ['en', 'de'], installed: false, recommended: true, description: 'On-device translation en→de.' },
  ];

  const publicSettings = (): PublicSettings => ({ ...settings, apiKeySet });
  const status = (): Status => ({
    type: 'status',
    state: pressed ? 'listening' : 'ready',
    mode: settings.mode,
    model: { id: settings.asrModel, loaded: true },
    mic: { device: 'Scripted microphone', capturing: pressed },
    endpoint: settings.allLocal ? 'blocked' : settings.cloud.baseUrl ? 'unknown' : 'unconfigured',
    all_local: settings.allLocal,
    message: null,
  });
  const emit = (event: unknown): void => {
    for (const l of listeners) l(event as EngineEvent);
  };

  function finishLine(text: string, audioBytes: number): string {
    const id = `line-${++lineNo}`;
    const words = text.split(/\s+/).length;
    const target = settings.targetLanguage;
    const cloud = target !== null && !settings.allLocal && settings.cloud.baseUrl !== '' && words > settings.routing.maxDeviceWords;
    const transcriptBytes = new TextEncoder().encode(text).length;
    const sent = cloud ? 400 + transcriptBytes : 0;
    const received = cloud ? 600 + transcriptBytes : 0;
    emit({ type: 'caption.partial', id, stage: 'transcribing', committed: text.split(' ').slice(0, 2).join(' '), tentative: ` ${text.split(' ').slice(2).join(' ')}`, language: 'en', start_ms: 0, end_ms: 1500, translation: null, lane: null });
    const translation = target ? `[${target}] ${text}` : null;
    const caption = CaptionFinal.parse({
      type: 'caption.final', id, text, language: 'en', start_ms: 0, end_ms: 1500,
      confidence: { mean_token_prob: 0.9, no_speech_prob: 0.01 },
      timings: { audio_ms: 1500, asr_ms: 220, translate_ms: target ? (cloud ? 480 : 90) : 0, total_ms: target ? (cloud ? 700 : 310) : 220 },
      target_language: target, translation, lane: target ? (cloud ? 'cloud' : 'device') : null,
      lane_reason: target ? (cloud ? 'long line' : settings.allLocal ? 'all-local mode' : 'short line') : null,
      fallback: false, fallback_reason: null, redaction: null,
      bytes: { audio: audioBytes, transcript: transcriptBytes, sent, received },
      cloud: cloud ? { endpoint: new URL(settings.cloud.baseUrl).origin, requests: 1, usage: { prompt_tokens: 60 + words, completion_tokens: words + 2 } } : null,
    });
    emit(caption);

    emit({ type: 'ledger.updated', totals: ledger.add(caption) });
    return id;
  }

  async function handle(command: CommandName, request: unknown): Promise<unknown> {
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
      case 'endpoint.check':
        return status();
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
      case 'models.download': {
        const { id } = request as CommandRequest<'models.download'>;
        const model = models.find((m) => m.id === id);
        if (!model) throw new ScriptedError('model_unknown', `There is no model "${id}" in the catalog.`, 'Pick a model from the list.');
        for (const [state, fraction] of [['queued', 0], ['downloading', 0.5], ['verifying', 1], ['done', 1]] as const) {
          emit({ type: 'model.progress', id, state, bytes: Math.round(model.size * fraction), total: model.size, speed_bps: 5_000_000, eta_s: state === 'downloading' ? 15 : null, message: null });
        }
        model.installed = true;
        return { ok: true };
      }
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
    },
  };
}

/** The scripted engine under the real factory's name, so it can stand in via `engineModule` (child-process hosts). */
export async function createEngineApp(): Promise<EngineApp> {
  return createScriptedEngine();
}
