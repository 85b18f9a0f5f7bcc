/**
 * The whole real stack for end-to-end scenarios: a private PulseAudio virtual microphone, the
 * OpenAI-compatible test server, and the real engine in a child process (startAppHostProcess) with a
 * generated Whisper model (random weights: garbage text, real timing and flow) and the generated en→de
 * device translator in its models folder. `close()` stops everything it started, in reverse order.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EngineEvent, SettingsPatch } from '../../electron/contract';
import { ensureTestTranslator } from '../models/translator/make-test-translator';
import { ensureTestWhisperModel } from '../models/test-assets';
import { REPO_ROOT, startAppHostProcess, type AppHostProcess } from './app-host';
import { startOpenAiServer, type OpenAiTestServer } from '../servers/openai-server';
import { startVirtualMic, type VirtualMic } from '../audio/virtual-mic';

/** Shared with the engine's own tests: generated once, copied into each models folder. */
const TRANSLATORS_CACHE = path.join(REPO_ROOT, '.cache', 'test-translators');

export const E2E_API_KEY = 'sk-sotto-e2e';

export interface RealStackOptions {
  /** Settings applied after the engine starts (on top of the stack's own: test model, mic 0, 2 threads). */
  settings?: SettingsPatch;
  /** Configure the test server as the cloud endpoint (and turn all-local off). Default true. */
  cloud?: boolean;
  /** Written to <userDataDir>/settings.json before the engine starts (e.g. a corrupt file). */
  settingsFileText?: string;
}

export interface RealStack {
  mic: VirtualMic;
  server: OpenAiTestServer;
  app: AppHostProcess;
  userDataDir: string;
  /** Every engine event seen by a second client of the same host since start (an event probe). */
  events: EngineEvent[];
  close(): Promise<void>;
}

export async function startRealStack(options: RealStackOptions = {}): Promise<RealStack> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async (): Promise<void> => {
    while (cleanups.length) await cleanups.pop()!().catch((error: unknown) => console.error('real stack cleanup failed:', error));
  };
  try {
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'sotto-e2e-real-'));
    cleanups.push(() => rm(userDataDir, { recursive: true, force: true }));
    const modelsDir = path.join(userDataDir, 'models');
    await mkdir(modelsDir, { recursive: true });
    const translator = await ensureTestTranslator(TRANSLATORS_CACHE, 'en-de');
    await cp(translator, path.join(modelsDir, path.basename(translator)), { recursive: true });
    if (options.settingsFileText !== undefined) await writeFile(path.join(userDataDir, 'settings.json'), options.settingsFileText);

    const mic = await startVirtualMic();
    cleanups.push(() => mic.stop());
    const server = await startOpenAiServer({ apiKey: E2E_API_KEY });
    cleanups.push(() => server.close());

    const asrModel = await ensureTestWhisperModel('test');
    const cloud = options.cloud ?? true;
    const app = await startAppHostProcess({
      userDataDir,
      env: mic.env,
      ...(cloud ? { openaiBaseUrl: server.url, apiKey: E2E_API_KEY } : {}),
      // The virtual mic is pvrecorder's device 0; its default (-1) fails on PulseAudio (DESIGN.md).
      settings: { asrModel, micDeviceIndex: 0, asrThreads: 2, ...options.settings },
    });
    cleanups.push(() => app.close());
    const events: EngineEvent[] = [];
    const off = app.api.onEvent((event) => events.push(event));
    cleanups.push(async () => off());
    return { mic, server, app, userDataDir, events, close };
  } catch (error) {
    await close();
    throw error;
  }
}
