import { z } from 'zod';

/** ISO 639-1 language code as Whisper and the translators name them ("en", "de", "zh", ...). */
export const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'a two- or three-letter ISO 639 code such as "en"');
export type LanguageCode = z.infer<typeof LanguageCode>;

export const CaptureMode = z.enum(['push-to-talk', 'hands-free']);
export type CaptureMode = z.infer<typeof CaptureMode>;

/** Which kind of server the endpoint is: fills base URL, auth style and a suggested model, and tells Sotto its quirks. */
export const CloudPreset = z.enum(['custom', 'openai', 'azure', 'ollama', 'lmstudio', 'vllm', 'openrouter', 'groq']);
export type CloudPreset = z.infer<typeof CloudPreset>;

export interface CloudPresetInfo {
  label: string;
  baseUrl: string;
  authStyle: 'bearer' | 'api-key' | 'none';
  model: string;
  /** What the user still has to fill in, shown next to the preset. */
  hint: string;
}

/** Base URLs, auth styles and models as each provider documents them (the README's provider table lists the same). */
export const CLOUD_PRESETS: Record<z.infer<typeof CloudPreset>, CloudPresetInfo> = {
  openai: { label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', authStyle: 'bearer', model: 'gpt-4o-mini', hint: 'An API key from platform.openai.com.' },
  azure: { label: 'Azure OpenAI (v1)', baseUrl: 'https://<resource>.openai.azure.com/openai/v1', authStyle: 'api-key', model: '<deployment name>', hint: 'Your resource name in the URL, the deployment name as the model, the resource key.' },
  ollama: { label: 'Ollama', baseUrl: 'http://localhost:11434/v1', authStyle: 'none', model: 'llama3.1', hint: 'A model you pulled (ollama pull llama3.1).' },
  lmstudio: { label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', authStyle: 'none', model: '<loaded model>', hint: 'The identifier of the model loaded in LM Studio.' },
  vllm: { label: 'vLLM', baseUrl: 'http://localhost:8000/v1', authStyle: 'bearer', model: '<served model>', hint: 'The model vllm serve was started with; a key only if --api-key was set.' },
  openrouter: { label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', authStyle: 'bearer', model: 'openai/gpt-4o-mini', hint: 'An OpenRouter key; models are named provider/model.' },
  groq: { label: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', authStyle: 'bearer', model: 'llama-3.1-8b-instant', hint: 'A Groq API key.' },
  custom: { label: 'Custom', baseUrl: '', authStyle: 'bearer', model: '', hint: 'Any OpenAI-compatible server: its base URL (usually ending in /v1).' },
};

/** How the key travels: `Authorization: Bearer <key>` (OpenAI and most), `api-key: <key>` (Azure), or not at all. */
export const CloudAuthStyle = z.enum(['bearer', 'api-key', 'none']);
export type CloudAuthStyle = z.infer<typeof CloudAuthStyle>;

/**
 * An extra header or query parameter for a gateway (`api-version`, `X-Org`…). A secret one keeps its value in the
 * secret store, bound to the endpoint's origin like the key: here its value is always ''.
 */
export const CloudExtra = z.object({
  name: z.string().min(1).max(100).regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'a header or parameter name: letters, digits and -_.'),
  value: z.string().max(2000),
  secret: z.boolean(),
});
export type CloudExtra = z.infer<typeof CloudExtra>;

const BaseUrl = z.union([z.literal(''), z.url({ protocol: /^https?$/ })]);

/** A further endpoint (a replica): each line goes wholly to one endpoint; lower rank is tried first. */
export const CloudReplica = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  model: z.string().min(1),
  preset: CloudPreset,
  authStyle: CloudAuthStyle,
  headers: z.array(CloudExtra).max(20),
  query: z.array(CloudExtra).max(20),
  /** Equal ranks share lines; a higher rank is used only while every lower one is failing. The main endpoint is rank 0. */
  rank: z.number().int().min(0).max(9),
});
export type CloudReplica = z.infer<typeof CloudReplica>;

/** An optional monthly cloud budget; when it is spent, lines stay on the device (with the reason on each caption). */
export const CloudBudget = z.object({
  /** What is counted: requests, tokens (prompt + completion), or US dollars at `pricePerMillion`. */
  kind: z.enum(['off', 'requests', 'tokens', 'usd']),
  limit: z.number().nonnegative().max(1e12),
});
export type CloudBudget = z.infer<typeof CloudBudget>;

export const CloudSettings = z.object({
  /** OpenAI-compatible base URL, e.g. https://api.openai.com/v1 or http://localhost:11434/v1. Empty = no cloud lane. */
  baseUrl: BaseUrl.default(''),
  model: z.string().min(1).default('gpt-4o-mini'),
  preset: CloudPreset.default('custom'),
  authStyle: CloudAuthStyle.default('bearer'),
  /** Idle timeout: the line gives up when no byte arrived for this long (a slow model still streaming is not cut). */
  timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
  /** Time to open the connection (TCP and TLS). */
  connectTimeoutMs: z.number().int().min(500).max(60_000).default(10_000),
  maxRetries: z.number().int().min(0).max(6).default(2),
  /** US dollars per million tokens, for the ledger's cost; null = unknown (tokens are still counted). */
  pricePerMillion: z.object({ input: z.number().nonnegative().max(10_000), output: z.number().nonnegative().max(10_000) }).nullable().default(null),
  headers: z.array(CloudExtra).max(20).default([]),
  query: z.array(CloudExtra).max(20).default([]),
  replicas: z.array(CloudReplica).max(8).default([]),
  budget: CloudBudget.default({ kind: 'off', limit: 0 }),
});
export type CloudSettings = z.infer<typeof CloudSettings>;

/**
 * Older files wrote a classic Azure URL with its `?api-version=…` in the base URL, which the SDK mangles: the query
 * moves into `query` (same values), so a valid file keeps working instead of being reset.
 */
function migrateCloud(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const cloud = raw as Record<string, unknown>;
  if (typeof cloud.baseUrl !== 'string' || !cloud.baseUrl.includes('?')) return raw;
  let url: URL;
  try {
    url = new URL(cloud.baseUrl);
  } catch {
    return raw;
  }
  const query = Array.isArray(cloud.query) ? [...(cloud.query as unknown[])] : [];
  for (const [name, value] of url.searchParams) query.push({ name, value, secret: false });
  url.search = '';
  return { ...cloud, baseUrl: url.href, query };
}
const CloudSettingsField = z.preprocess(migrateCloud, CloudSettings);

/** Two-lane routing thresholds: easy lines stay on the device, hard lines may go to the cloud. */
export const RoutingSettings = z.object({
  /** Lines with more words than this are "long" and go to the cloud lane when it is allowed. */
  maxDeviceWords: z.number().int().min(1).max(500).default(18),
  /** ASR mean token probability below this marks a line as uncertain (cloud lane handles noisy text better). */
  minAsrConfidence: z.number().min(0).max(1).default(0.55),
  /** Device translation mean log-probability below this escalates the line to the cloud (cascade). */
  minDeviceLogprob: z.number().max(0).default(-1.2),
});
export type RoutingSettings = z.infer<typeof RoutingSettings>;

export const VadSettings = z.object({
  threshold: z.number().min(0.05).max(0.95).default(0.5),
  minSpeechMs: z.number().int().min(0).max(5000).default(250),
  minSilenceMs: z.number().int().min(50).max(5000).default(500),
  padMs: z.number().int().min(0).max(1000).default(200),
});
export type VadSettings = z.infer<typeof VadSettings>;

/** How long caption history is kept on this device; 'off' saves nothing new. */
export const HistoryRetention = z.enum(['off', '24h', '30d', 'forever']);
export type HistoryRetention = z.infer<typeof HistoryRetention>;

export const HistorySettings = z.object({ retention: HistoryRetention.default('30d') });
export type HistorySettings = z.infer<typeof HistorySettings>;

/** The always-on-top caption window: what it shows and how (its bounds are kept per display by the shell). */
export const OverlaySettings = z.object({
  open: z.boolean().default(false),
  show: z.enum(['both', 'source', 'translation']).default('both'),
  /** Caption text size in CSS pixels. */
  fontSize: z.number().int().min(14).max(96).default(32),
  /** Opacity of the backdrop behind the text (the text itself stays opaque). */
  opacity: z.number().min(0).max(1).default(0.8),
  /** Mouse clicks pass through the window to what is under it. */
  clickThrough: z.boolean().default(false),
  /** Global shortcut that opens and closes the overlay (Electron accelerator). */
  hotkey: z.string().min(1).max(64).default('Alt+Shift+O'),
});
export type OverlaySettings = z.infer<typeof OverlaySettings>;

export const AsrDeviceSetting = z.union([z.literal('auto'), z.literal('cpu'), z.string().regex(/^gpu:\S/).max(300)]);
export type AsrDeviceSetting = z.infer<typeof AsrDeviceSetting>;

export const Settings = z.object({
  version: z.literal(1).default(1),
  /** When on, every stage runs on the device and the egress module refuses every connection. */
  allLocal: z.boolean().default(true),
  sourceLanguage: z.union([z.literal('auto'), LanguageCode]).default('auto'),
  /** null = captions only, no translation. */
  targetLanguage: LanguageCode.nullable().default(null),
  /** pvrecorder device index; -1 = the system default. */
  micDeviceIndex: z.number().int().min(-1).default(-1),
  /** Model id from resources/models.json, or an absolute path to a ggml file. */
  asrModel: z.string().min(1).default('ggml-base'),
  /**
   * Where Whisper runs: 'auto' (a GPU that passed the probe, else the CPU), 'cpu', or 'gpu:<the GPU's description>'
   * as the probe listed it (descriptions, not ggml's numbers, which change when GPUs are added).
   */
  asrDevice: AsrDeviceSetting.default('auto'),
  /** Whisper compute threads; 0 = automatic (up to 4, never more than the machine's cores). */
  asrThreads: z.number().int().min(0).max(32).default(0),
  mode: CaptureMode.default('push-to-talk'),
  /** Global push-to-talk hotkey, Electron accelerator style ("Alt+Space", "F8"). */
  hotkey: z.string().min(1).max(64).default('Alt+Space'),
  cloud: CloudSettingsField.default(CloudSettings.parse({})),
  routing: RoutingSettings.default(RoutingSettings.parse({})),
  vad: VadSettings.default(VadSettings.parse({})),
  history: HistorySettings.default(HistorySettings.parse({})),
  overlay: OverlaySettings.default(OverlaySettings.parse({})),
  /** Names and jargon never sent to the cloud verbatim: replaced by placeholders, restored locally. */
  glossary: z.array(z.string().min(1).max(100)).max(500).default([]),
  /**
   * Model download mirror base URL for users behind proxies; empty = the publisher's URL. A base only: the file's
   * path comes from the catalog, so a query, fragment or user name (room for anything else) is refused.
   */
  modelMirror: z
    .union([z.literal(''), z.url({ protocol: /^https?$/ }).refine(isPlainBaseUrl, 'a mirror is a base URL: no query, fragment or user name')])
    .default(''),
  captionSize: z.enum(['small', 'medium', 'large']).default('medium'),
  theme: z.enum(['system', 'dark', 'light']).default('system'),
  firstRunDone: z.boolean().default(false),
});
export type Settings = z.infer<typeof Settings>;

/** Every field optional and without its default, so a patch only carries what the user changed. */
type PatchShape<S extends z.ZodRawShape> = {
  [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer T> ? T : S[K]>;
};
function patchShape<S extends z.ZodRawShape>(shape: S): PatchShape<S> {
  const out: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    const inner = (field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType;
    out[key] = inner.optional();
  }
  return out as PatchShape<S>;
}

/** A partial update from the UI; nested objects merge field by field. */
export const SettingsPatch = z
  .object(patchShape(Settings.omit({ version: true, cloud: true, routing: true, vad: true, history: true, overlay: true }).shape))
  .extend({
    cloud: z.object(patchShape(CloudSettings.shape)).optional(),
    routing: z.object(patchShape(RoutingSettings.shape)).optional(),
    vad: z.object(patchShape(VadSettings.shape)).optional(),
    history: z.object(patchShape(HistorySettings.shape)).optional(),
    overlay: z.object(patchShape(OverlaySettings.shape)).optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** Applies a patch; the result is validated again, so a patch can never produce an invalid file. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  return Settings.parse({
    ...current,
    ...patch,
    cloud: { ...current.cloud, ...patch.cloud },
    routing: { ...current.routing, ...patch.routing },
    vad: { ...current.vad, ...patch.vad },
    history: { ...current.history, ...patch.history },
    overlay: { ...current.overlay, ...patch.overlay },
  });
}

/** What the renderer may see: settings plus whether an API key is stored (never the key). */
export const PublicSettings = Settings.extend({
  apiKeySet: z.boolean(),
  /** The endpoint origin the key belongs to: it is sent there and nowhere else (null/absent: no key). */
  apiKeyOrigin: z.string().nullable().optional(),
  /** Per endpoint origin: whether a key is stored and which secret headers / query parameters have a value (never the values). */
  endpointSecrets: z.array(z.object({ origin: z.string(), key: z.boolean(), headers: z.array(z.string()), query: z.array(z.string()) })).optional(),
});
export type PublicSettings = z.infer<typeof PublicSettings>;

function isPlainBaseUrl(value: string): boolean {
  const url = new URL(value);
  return !url.search && !url.hash && !url.username && !url.password;
}

export const defaultSettings = (): Settings => Settings.parse({});
