import { z } from 'zod';
import { CaptureMode, PublicSettings, SettingsPatch } from './settings';
import { LedgerTotals, Status } from './events';
import { historyCommands } from './history';

export const MicDevice = z.object({ index: z.number().int(), name: z.string() });
export type MicDevice = z.infer<typeof MicDevice>;

export const ModelKind = z.enum(['whisper', 'translation', 'vad']);

/**
 * How an installed model's files were checked: against a checksum the publisher lists ('published'), against the
 * download server's own integrity metadata when none is listed ('server': Hugging Face's LFS SHA-256 or git blob SHA-1),
 * or by size alone ('size-only').
 */
export const ModelVerification = z.enum(['published', 'server', 'size-only']);
export type ModelVerification = z.infer<typeof ModelVerification>;

export const ModelEntry = z.object({
  id: z.string(),
  kind: ModelKind,
  name: z.string(),
  /** Size in bytes from the publisher's listing. */
  size: z.number().int().nonnegative(),
  languages: z.array(z.string()),
  installed: z.boolean(),
  recommended: z.boolean(),
  description: z.string(),
  /** The weakest check among the installed files; null when not installed. */
  verification: ModelVerification.nullable().optional(),
  /** Per installed file, how it was checked (so the UI can say which files only the server vouched for). */
  fileChecks: z.array(z.object({ path: z.string(), verification: ModelVerification })).optional(),
  /** An installed file changed on disk after install: the model is not loaded until it is downloaded again. */
  damaged: z.boolean().optional(),
});
export type ModelEntry = z.infer<typeof ModelEntry>;

/** A GPU the probe found (in a child process: listing GPUs is where broken drivers crash). */
export const GpuDevice = z.object({
  /** The value for settings.asrDevice. */
  id: z.string(),
  description: z.string(),
  kind: z.enum(['gpu', 'igpu']),
  memoryTotalBytes: z.number().nonnegative(),
  /** Software renderers (llvmpipe/lavapipe, SwiftShader): listed, never chosen by 'auto'. */
  software: z.boolean(),
});
export type GpuDevice = z.infer<typeof GpuDevice>;

/** What Settings shows about GPUs: whether this build has a GPU backend, what the last probe found and said. */
export const GpuReport = z.object({
  /** This build ships a GPU backend module (Vulkan on Windows and Linux x86; none on macOS, where Metal is built in). */
  available: z.boolean(),
  probing: z.boolean(),
  devices: z.array(GpuDevice),
  /** The last probe for the current model and setting; null before any. */
  last: z.object({ ok: z.boolean(), device: z.string().nullable(), message: z.string(), at: z.string() }).nullable(),
});
export type GpuReport = z.infer<typeof GpuReport>;

const Ok = z.object({ ok: z.literal(true) });
const None = z.object({}).strict();

/**
 * Every call from the UI to the engine: request and response schemas.
 * Both ends validate with these (preload/main over IPC, browser adapter/dev host over WebSocket).
 */
export const commands = {
  'settings.get': { request: None, response: PublicSettings },
  'settings.update': { request: z.object({ patch: SettingsPatch }), response: PublicSettings },
  /** The key goes to main (safeStorage) and never comes back; null deletes it. */
  'apikey.set': { request: z.object({ key: z.string().min(1).max(512).nullable() }), response: PublicSettings },
  'status.get': { request: None, response: Status },
  'ledger.get': { request: None, response: LedgerTotals },
  'mics.list': { request: None, response: z.object({ devices: z.array(MicDevice) }) },
  'mode.set': { request: z.object({ mode: CaptureMode }), response: Status },
  /** Push-to-talk: press starts capture, release ends the utterance and yields its final caption. */
  'ptt.press': { request: None, response: Ok },
  'ptt.release': { request: None, response: Ok },
  /** Hands-free listening on or off. */
  'listen.set': { request: z.object({ on: z.boolean() }), response: Status },
  /** Type-to-translate: a typed line goes through router, redaction, translation and ledger. */
  'text.translate': { request: z.object({ text: z.string().min(1).max(5000) }), response: z.object({ id: z.string() }) },
  'endpoint.check': { request: None, response: Status },
  /**
   * Secrets for one endpoint (a replica's key, secret header / query values), bound to the origin of `baseUrl` and sent
   * only there; they go to main and never come back. A null value deletes that secret.
   */
  'endpoint.secrets.set': {
    request: z.object({
      baseUrl: z.url({ protocol: /^https?$/ }),
      key: z.string().min(1).max(512).nullable().optional(),
      headers: z.record(z.string().max(100), z.string().max(2000).nullable()).optional(),
      query: z.record(z.string().max(100), z.string().max(2000).nullable()).optional(),
    }),
    response: PublicSettings,
  },
  'asr.gpu': { request: None, response: GpuReport },
  /** Probes the GPUs again now (in a child process) for the current model and setting, then uses the result. */
  'asr.gpu.probe': { request: None, response: GpuReport },
  'models.list': { request: None, response: z.object({ models: z.array(ModelEntry) }) },
  'models.download': {
    request: z.object({ id: z.string(), allowInAllLocal: z.boolean().default(false) }),
    response: Ok,
  },
  'models.cancel': { request: z.object({ id: z.string() }), response: Ok },
  'models.delete': { request: z.object({ id: z.string() }), response: z.object({ models: z.array(ModelEntry) }) },
  /** Install a model file the user already has (offline machines, proxies); checked like a download. */
  'models.import': { request: z.object({ id: z.string(), path: z.string().min(1) }), response: z.object({ models: z.array(ModelEntry) }) },
  ...historyCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
export type CommandResponse<K extends CommandName> = z.infer<Commands[K]['response']>;

/** A command failed: the engine says what happened and what to do. */
export const CommandError = z.object({ code: z.string(), message: z.string(), action: z.string() });
export type CommandError = z.infer<typeof CommandError>;

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
