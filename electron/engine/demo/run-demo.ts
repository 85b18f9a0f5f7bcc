import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSettings, EngineEvent, type Settings } from '../../contract';
import { audioCtxForSamples, loadWhisperModel, type WhisperModel } from '../../../native/whisper/index';
import { createAppEgress, createAppModelManager } from '../app/app-egress';
import { defaultUserDataDir } from '../app/user-data';
import { Translators } from '../app/translators';
import { resolveAsrThreads } from '../asr/threads';
import { WavSource } from '../capture/wav-source';
import { loadCatalog } from '../models/catalog';
import type { ModelManager } from '../models/manager';
import { PushToTalkGate } from '../segment/push-to-talk';
import { VadSegmenter } from '../segment/vad-segmenter';
import { CaptionSession } from '../session/caption-session';
import { SettingsStore } from '../settings/store';
import { SileroVad } from '../vad/silero';
import type { DemoOptions } from './args';

export const resourcesDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../resources');

/** The demo could not start; the message says exactly what to do. */
export class DemoSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoSetupError';
  }
}

/** Settings for this run: the user's saved settings, overridden by the command line. */
async function demoSettings(o: DemoOptions, userData: string): Promise<Settings> {
  const saved = existsSync(join(userData, 'settings.json')) ? (await SettingsStore.open({ dir: userData })).get() : defaultSettings();
  return {
    ...saved,
    // The command line decides where lines may go: the cloud only with --endpoint, never with --local-only.
    allLocal: o.localOnly || !o.endpoint,
    sourceLanguage: o.from,
    targetLanguage: o.to,
    asrThreads: o.threads,
    glossary: o.glossary.length ? o.glossary : saved.glossary,
    cloud: { ...saved.cloud, baseUrl: o.endpoint ?? '', model: o.modelName },
  };
}

async function resolveModel(o: DemoOptions, settings: Settings, models: ModelManager): Promise<string> {
  if (o.model) {
    if (!existsSync(o.model)) throw new DemoSetupError(`No model file at ${o.model}. Check the path given to --model.`);
    return o.model;
  }
  const installed = await models.installedPath(settings.asrModel).catch(() => null);
  if (installed) return installed;
  throw new DemoSetupError(
    [
      'No speech model is installed, so there is nothing to transcribe with. Either:',
      '  • open the Sotto app and download one in Settings → Models (the demo then finds it), or',
      '  • download a whisper.cpp ggml model (e.g. ggml-base.bin from huggingface.co/ggerganov/whisper.cpp)',
      '    and run:  npm run demo -- --model /path/to/ggml-base.bin',
      '  • to try the plumbing without real weights (the text will be gibberish):',
      '    npm run make-test-model -- --shape tiny --out /tmp/ggml-tiny-random.bin',
      '    npm run demo -- --model /tmp/ggml-tiny-random.bin',
    ].join('\n'),
  );
}

/**
 * Runs the same engine as the app over a WAV file (or a typed line), calling `onEvent` with every
 * contract event in order, ending with `session.summary`.
 */
export async function runDemo(o: DemoOptions, onEvent: (event: EngineEvent) => void): Promise<void> {
  const userData = o.userData ?? defaultUserDataDir();
  const settings = await demoSettings(o, userData);
  const modelsDir = join(userData, 'models');
  const catalog = await loadCatalog(join(resourcesDir, 'models.json'));
  const egress = createAppEgress(() => settings, catalog, userData);
  const models = createAppModelManager(egress, { catalog, modelsDir, settings: () => settings });
  const emit = (event: EngineEvent): void => onEvent(EngineEvent.parse(event));

  let whisper: WhisperModel | null = null;
  if (!o.text) whisper = await loadWhisperModel(await resolveModel(o, settings, models));
  const translation = new Translators({
    settings: () => settings,
    apiKey: () => o.apiKey,
    egress,
    modelsDir: o.translators ?? modelsDir,
    whisper: async () => {
      if (!whisper) throw new DemoSetupError('Whisper translate needs the audio of a spoken line.');
      return whisper;
    },
  });
  const session = new CaptionSession({
    asr: whisper ?? { transcribe: () => Promise.reject(new DemoSetupError('no speech model')) },
    threads: resolveAsrThreads(settings.asrThreads),
    audioCtxFor: audioCtxForSamples,
    settings: () => settings,
    translators: translation.current,
    ledger: translation.ledger,
    emit,
    // Without real-time pacing a file arrives faster than speech: partials would only measure the backlog.
    partials: o.realtime,
  });
  try {
    if (o.text) {
      session.translateText(o.text);
    } else {
      const wav = o.wav ?? join(resourcesDir, 'sample.wav');
      const source = new WavSource(wav, { realtime: o.realtime });
      if (o.mode === 'hands-free') {
        const vad = await SileroVad.create();
        await session.run(source, new VadSegmenter(vad, session.utterances, settings.vad));
        await vad.release();
      } else {
        // Push-to-talk over a file: held from the first sample to the last (the end of the file is the release).
        const gate = new PushToTalkGate(session.utterances);
        gate.press();
        await session.run(source, gate);
      }
    }
    await session.drain();
    emit(session.summary());
  } finally {
    await translation.dispose();
    await whisper?.dispose();
  }
}
