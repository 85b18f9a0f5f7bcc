import type { SottoApi } from '../../contract';
import type { ProbeLauncher } from '../asr-device/probe';
import type { SecretStore } from '../settings/secret-store';

export interface EngineAppOptions {
  /** Settings file, audit log, installed models live here (Electron: app.getPath('userData')). */
  userDataDir: string;
  secrets: SecretStore;
  /** Folder with resources/ (models.json, sample.wav); defaults to the repo's resources/. */
  resourcesDir?: string;
  /** Overrides the models folder (defaults to <userDataDir>/models). */
  modelsDir?: string;
  /**
   * Starts the GPU probe child (electron/engine/asr-device/probe-child). Electron passes a utilityProcess launcher
   * (its fuses refuse ELECTRON_RUN_AS_NODE); plain Node defaults to a child process running the source through tsx.
   */
  gpuProbe?: ProbeLauncher;
  /** Extra environment for the probe child (tests: GGML_VK_VISIBLE_DEVICES to see a software Vulkan device). */
  gpuProbeEnv?: Record<string, string>;
  /** Asks the OS for microphone access before capture (macOS); resolves false when refused. */
  requestMicrophoneAccess?: () => Promise<boolean>;
}

/**
 * The engine as the UI sees it: the contract's calls and events. Both transports
 * (Electron IPC in main, WebSocket in the dev host) wrap one EngineApp.
 */
export interface EngineApp extends SottoApi {
  dispose(): Promise<void>;
}
