import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ActionableError, LanguageCode } from '../../contract';

/** What `npm run demo -- …` accepts; validated so a typo gets a clear message, not a stack trace. */
export const DemoOptions = z
  .object({
    wav: z.string().nullable(),
    text: z.string().min(1).nullable(),
    model: z.string().nullable(),
    json: z.boolean(),
    to: LanguageCode.nullable(),
    from: z.union([z.literal('auto'), LanguageCode]),
    endpoint: z.url({ protocol: /^https?$/ }).nullable(),
    /** Further --endpoint URLs: replicas tried in order after the first (same model and key). */
    replicas: z.array(z.url({ protocol: /^https?$/ })),
    apiKey: z.string().nullable(),
    /** --header K:V, sent to every endpoint (values are treated as secrets: never printed or audited). */
    headers: z.array(z.object({ name: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'a header name before the colon'), value: z.string().min(1) })),
    /** --timeout-idle seconds: give a line up when the endpoint sent nothing for this long. */
    idleTimeoutS: z.number().min(1).max(120).nullable(),
    modelName: z.string().min(1),
    localOnly: z.boolean(),
    mode: z.enum(['hands-free', 'push-to-talk']),
    realtime: z.boolean(),
    translators: z.string().nullable(),
    /** 0 = automatic (up to 4, never more than the cores). */
    threads: z.number().int().min(0).max(64),
    glossary: z.array(z.string().min(1)),
    userData: z.string().nullable(),
    /** Files to write the captions to, through History's exporter (times relative to the start of the audio). */
    exports: z.object({ srt: z.string().min(1).nullable(), vtt: z.string().min(1).nullable(), txt: z.string().min(1).nullable() }),
  })
  .refine((o) => !(o.wav && o.text), { message: 'give either a WAV file or --text, not both' });
export type DemoOptions = z.infer<typeof DemoOptions>;

export const DEMO_USAGE = `Usage:
  npm run demo -- [file.wav] [--model PATH] [--json] [--to de] [--from auto|en|…]
                  [--endpoint URL …] [--api-key KEY] [--model-name NAME] [--local-only]
                  [--header NAME:VALUE …] [--timeout-idle SECONDS]
                  [--mode hands-free|push-to-talk] [--realtime] [--translators DIR]
                  [--glossary "Name,Other"] [--threads N (default: automatic)]
                  [--srt FILE] [--vtt FILE] [--txt FILE]
  npm run demo -- --text "a typed line" --to de [--endpoint URL …]

  file.wav        a WAV file (PCM 8–48 kHz, mono/stereo, 16/24/32-bit); default: resources/sample.wav
  --model PATH    a whisper.cpp ggml model file (default: the installed model chosen in Settings)
  --json          one JSON object per event (NDJSON), ending with a session.summary event
  --to LANG       translate into LANG (ISO 639-1 code); without it: captions only
  --endpoint URL  an OpenAI-compatible base URL (…/v1, or a root / full …/chat/completions URL) for the cloud lane;
                  key from --api-key or OPENAI_API_KEY. Repeat it for replicas, tried in order when one fails
  --header K:V    an extra header for a gateway (repeatable); its value is kept out of every log
  --timeout-idle S  give a line up after S seconds without a byte from the endpoint (default 15)
  --local-only    all-local mode: every stage on the device, no connection is ever opened
  --mode          hands-free (VAD segments, default) or push-to-talk (the whole file as one held press)
  --realtime      feed the file at speaking speed, as a microphone would (shows live partials)
  --translators   folder of on-device translation models (opus-mt-xx-yy, nllb…); default: installed models
  --srt/--vtt/--txt FILE  also write the captions (and translations) as SubRip, WebVTT or plain text`;

export function parseDemoArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): DemoOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      model: { type: 'string' },
      json: { type: 'boolean', default: false },
      to: { type: 'string' },
      from: { type: 'string', default: 'auto' },
      endpoint: { type: 'string', multiple: true },
      header: { type: 'string', multiple: true },
      'timeout-idle': { type: 'string' },
      'api-key': { type: 'string' },
      'model-name': { type: 'string', default: 'gpt-4o-mini' },
      'local-only': { type: 'boolean', default: false },
      mode: { type: 'string', default: 'hands-free' },
      realtime: { type: 'boolean', default: false },
      translators: { type: 'string' },
      threads: { type: 'string', default: '0' },
      glossary: { type: 'string', default: '' },
      text: { type: 'string' },
      'user-data': { type: 'string' },
      srt: { type: 'string' },
      vtt: { type: 'string' },
      txt: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) throw new DemoUsageError('');
  if (positionals.length > 1) throw new DemoUsageError(`expected at most one WAV file, got: ${positionals.join(' ')}`);
  const parsed = DemoOptions.safeParse({
    wav: positionals[0] ?? null,
    text: values.text ?? null,
    model: values.model ?? null,
    json: values.json,
    to: values.to ?? null,
    from: values.from,
    endpoint: values.endpoint?.[0] ?? null,
    replicas: values.endpoint?.slice(1) ?? [],
    headers: (values.header ?? []).map(splitHeader),
    idleTimeoutS: values['timeout-idle'] === undefined ? null : Number(values['timeout-idle']),
    apiKey: values['api-key'] ?? env.OPENAI_API_KEY ?? null,
    modelName: values['model-name'],
    localOnly: values['local-only'],
    mode: values.mode,
    realtime: values.realtime,
    translators: values.translators ?? null,
    threads: Number(values.threads),
    glossary: values.glossary.split(',').map((s) => s.trim()).filter(Boolean),
    userData: values['user-data'] ?? null,
    exports: { srt: values.srt ?? null, vtt: values.vtt ?? null, txt: values.txt ?? null },
  });
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new DemoUsageError(`${first.path.length ? `--${first.path.join('.')}: ` : ''}${first.message}`);
  }
  return parsed.data;
}

/** "X-Api-Token: abc" → { name, value }; a header without a colon is a usage error. */
function splitHeader(raw: string): { name: string; value: string } {
  const at = raw.indexOf(':');
  if (at <= 0) throw new DemoUsageError(`--header takes NAME:VALUE, got "${raw.split(':')[0]}"`);
  return { name: raw.slice(0, at).trim(), value: raw.slice(at + 1).trim() };
}

/** The command line is wrong (an empty message: --help was asked for). */
export class DemoUsageError extends ActionableError<'demo_usage'> {
  override readonly name = 'DemoUsageError';
  constructor(message: string) {
    super('demo_usage', message, 'Run `npm run demo -- --help` for the options.');
  }
}
