import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ActionableError, defaultSettings, EngineEvent, type Settings } from '../../contract';
import { loadWhisperModel, type WhisperModel } from '../../../native/whisper/index';
import { createAppEgress, createAppModelManager } from '../app/app-egress';
import { defaultUserDataDir, repoResourcesDir } from '../app/user-data';
import { WavSource } from '../capture/wav-source';
import { loadCatalog } from '../models/catalog';
import type { ModelManager } from '../models/manager';
import { PushToTalkGate } from '../segment/push-to-talk';
import { VadSegmenter } from '../segment/vad-segmenter';
import { Pipeline } from '../pipeline/pipeline';
import type { CaptionSession } from '../session/caption-session';
import { SettingsStore } from '../settings/store';
import { SileroVad } from '../vad/silero';
import type { DemoOptions } from './args';
import { DemoExports } from './export-files';

/** The demo could not start; the message says exactly what to do. */
export class DemoSetupError extends ActionableError<'demo_setup'> {
  override readonly name = 'DemoSetupError';
  constructor(message: string) {
    super('demo_setup', message, 'Do what the message says, then run the demo again.');
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
    cloud: {
      ...saved.cloud,
      baseUrl: o.endpoint ?? '',
      model: o.modelName,
      ...(o.idleTimeoutS ? { timeoutMs: Math.round(o.idleTimeoutS * 1000) } : {}),
      // Header values come from the command line as secrets: settings hold the names only.
      headers: o.headers.map(({ name }) => ({ name, value: '', secret: true })),
      // Replicas in the order given: each is tried only after the ones before it failed a line.
      replicas: o.replicas.map((baseUrl, i) => ({ baseUrl, model: o.modelName, preset: 'custom' as const, authStyle: 'bearer' as const, headers: o.headers.map(({ name }) => ({ name, value: '', secret: true })), query: [], rank: i + 1 })),
    },
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

/** A WAV file through the session, segmented as the chosen mode would segment a microphone. */
async function captionFile(session: CaptionSession, o: DemoOptions, settings: Settings): Promise<void> {
  const source = new WavSource(o.wav ?? join(repoResourcesDir, 'sample.wav'), { realtime: o.realtime });
  if (o.mode === 'hands-free') {
    const vad = await SileroVad.create();
    await session.run(source, new VadSegmenter(vad, session.utterances, settings.vad)).finally(() => vad.release());
    return;
  }
  // Push-to-talk over a file: held from the first sample to the last (the end of the file is the release).
  const gate = new PushToTalkGate(session.utterances);
  gate.press();
  await session.run(source, gate);
}

/**
 * Runs the same engine as the app over a WAV file (or a typed line), calling `onEvent` with every
 * contract event in order, ending with `session.summary`.
 */
export async function runDemo(o: DemoOptions, onEvent: (event: EngineEvent) => void): Promise<void> {
  const userData = o.userData ?? defaultUserDataDir();
  const settings = await demoSettings(o, userData);
  const modelsDir = join(userData, 'models');
  const catalog = await loadCatalog(join(repoResourcesDir, 'models.json'));
  const egress = createAppEgress(() => settings, catalog, userData);
  const models = createAppModelManager(egress, { catalog, modelsDir, settings: () => settings });
  const exports = new DemoExports(o.exports);
  const emit = (event: EngineEvent): void => {
    const checked = EngineEvent.parse(event);
    exports.collect(checked);
    onEvent(checked);
  };

  const whisper: WhisperModel | null = o.text ? null : await loadWhisperModel(await resolveModel(o, settings, models));
  const pipeline = new Pipeline({
    settings: () => settings,
    asr: async () => {
      if (!whisper) throw new DemoSetupError('Whisper needs the audio of a spoken line; this run has typed text only.');
      return whisper;
    },
    egress,
    apiKey: () => o.apiKey,
    // The same key and header values for every endpoint the command line named (the user typed them for these).
    secrets: () => ({ key: o.apiKey, headers: Object.fromEntries(o.headers.map(({ name, value }) => [name, value])), query: {} }),
    modelsDir: o.translators ?? modelsDir,
    emit,
    // Without real-time pacing a file arrives faster than speech: partials would only measure the backlog.
    tuning: { partials: o.realtime },
  });
  try {
    const session = o.text ? await pipeline.textSession() : await pipeline.session();
    if (o.text) session.translateText(o.text);
    else await captionFile(session, o, settings);
    await session.drain();
    await exports.write();
    emit(session.summary());
  } finally {
    await pipeline.dispose();
    await whisper?.dispose();
  }
}
