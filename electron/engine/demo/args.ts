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
    apiKey: z.string().nullable(),
    modelName: z.string().min(1),
    localOnly: z.boolean(),
    mode: z.enum(['hands-free', 'push-to-talk']),
    realtime: z.boolean(),
    translators: z.string().nullable(),
    /** 0 = automatic (up to 4, never more than the cores). */
    threads: z.number().int().min(0).max(64),
    glossary: z.array(z.string().min(1)),
    userData: z.string().nullable(),
  })
  .refine((o) => !(o.wav && o.text), { message: 'give either a WAV file or --text, not both' });
export type DemoOptions = z.infer<typeof DemoOptions>;

export const DEMO_USAGE = `Usage:
  npm run demo -- [file.wav] [--model PATH] [--json] [--to de] [--from auto|en|…]
                  [--endpoint URL] [--api-key KEY] [--model-name NAME] [--local-only]
                  [--mode hands-free|push-to-talk] [--realtime] [--translators DIR]
                  [--glossary "Name,Other"] [--threads N (default: automatic)]
  npm run demo -- --text "a typed line" --to de [--endpoint URL …]

  file.wav        a WAV file (PCM 8–48 kHz, mono/stereo, 16/24/32-bit); default: resources/sample.wav
  --model PATH    a whisper.cpp ggml model file (default: the installed model chosen in Settings)
  --json          one JSON object per event (NDJSON), ending with a session.summary event
  --to LANG       translate into LANG (ISO 639-1 code); without it: captions only
  --endpoint URL  an OpenAI-compatible base URL (…/v1) for the cloud lane; key from --api-key or OPENAI_API_KEY
  --local-only    all-local mode: every stage on the device, no connection is ever opened
  --mode          hands-free (VAD segments, default) or push-to-talk (the whole file as one held press)
  --realtime      feed the file at speaking speed, as a microphone would (shows live partials)
  --translators   folder of on-device translation models (opus-mt-xx-yy, nllb…); default: installed models`;

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
      endpoint: { type: 'string' },
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
    endpoint: values.endpoint ?? null,
    apiKey: values['api-key'] ?? env.OPENAI_API_KEY ?? null,
    modelName: values['model-name'],
    localOnly: values['local-only'],
    mode: values.mode,
    realtime: values.realtime,
    translators: values.translators ?? null,
    threads: Number(values.threads),
    glossary: values.glossary.split(',').map((s) => s.trim()).filter(Boolean),
    userData: values['user-data'] ?? null,
  });
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new DemoUsageError(`${first.path.length ? `--${first.path.join('.')}: ` : ''}${first.message}`);
  }
  return parsed.data;
}

/** The command line is wrong (an empty message: --help was asked for). */
export class DemoUsageError extends ActionableError<'demo_usage'> {
  override readonly name = 'DemoUsageError';
  constructor(message: string) {
    super('demo_usage', message, 'Run `npm run demo -- --help` for the options.');
  }
}
