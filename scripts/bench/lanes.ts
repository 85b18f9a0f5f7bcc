/**
 * `npm run bench:lanes [-- --rounds N]` → bench/lanes.json: the two translation lanes and the byte ledger.
 *  - device lane: the generated word-by-word MarianMT en→de model through transformers.js (the real device translator);
 *  - cloud lane: the streamed OpenAI-compatible client through the egress module, against the local test server;
 *  - bytes sent per minute of speech, and the share of data kept on the device in a spoken session.
 * Every line goes through translateLine (router, redaction, lanes), as in the app. See bench/README.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startDelayProxy } from '../../test-support/servers/delay-proxy';
import { selfSignedCert } from '../../test-support/servers/self-signed-cert';
import { startOpenAiServer, type OpenAiTestServer } from '../../test-support/servers/openai-server';
import { defaultSettings, Settings, type CaptionFinal, type EngineEvent, type SessionSummary } from '../../electron/contract';
import { keptPercent } from '../../electron/engine/ledger';
import { Pipeline, type SessionTuning } from '../../electron/engine/pipeline/pipeline';
import { SAMPLE_RATE } from '../../electron/engine/audio/types';
import { readWav16kMono, WavSource } from '../../electron/engine/capture/wav-source';
import { allowedHostsFor, createEgress } from '../../electron/engine/egress';
import { countWords } from '../../electron/engine/route/router';
import { VadSegmenter } from '../../electron/engine/segment/vad-segmenter';
import { translateLine, type LineTranslation } from '../../electron/engine/translate/translate-line';
import { loadWhisperModel, type WhisperModel } from '../../native/whisper/index';
import { ensureTestTranslator } from '../../test-support/models/translator/make-test-translator';
import { ensureNativeAddon, ensureSpeechWav, ensureTestWhisperModel } from '../../test-support/models/test-assets';
import { benchCacheDir, int16Wav, loadAverage, machineInfo, medianOf, printSummary, progress, round, runMain, TOKENS_PER_SECOND, writeBenchJson } from './common';
import { LanesBench } from './schema';
import { createBenchVad } from './silero';

const TARGETS = {
  device_lane_ms_median: 'lower is better',
  cloud_lane_ms_median: 'lower is better (local test server: client + egress cost, no model time)',
  bytes_sent_per_speech_minute: '≤ 1024',
  data_kept_percent: '≥ 99.9',
  device_share_percent: 'higher is better (the router keeps easy lines local)',
  cloud_line_ms_reused: 'lower is better',
  cloud_line_ms_fresh: 'for comparison',
  cloud_reuse_ratio: '≤ 0.6 (reused ÷ fresh)',
};

/** Round trip the proxy adds between Sotto and the HTTPS test server (25 ms each way). */
const ADDED_RTT_MS = 50;

/** Lines the generated en→de model knows word by word (its dictionary), so the device lane really translates. */
const LANE_SENTENCES = [
  'Good morning, the house is big.',
  'Hello world.',
  'We are friends here.',
  'Thank you.',
  'The water is cold today.',
  'I am here.',
  'Yes, the house is small.',
  'Good evening, friends.',
  'No, the water is not cold.',
  'Hello, we are here today.',
];

/** What someone might say in a minute or two of a meeting: the transcript a speech minute produces. */
const MEETING_TRANSCRIPT = [
  'Good morning everyone and thanks for joining the weekly planning call.',
  'Before we start, a quick reminder that the office is closed on Friday.',
  'First item on the agenda is the release that we planned for the end of the month.',
  'The team finished most of the features, but two bugs in the export are still open.',
  'Maria thinks we can fix both of them by Wednesday if nothing else comes up.',
  'If that works out, we can freeze the code on Thursday and test it over the weekend.',
  'The second item is the budget for the next quarter.',
  'We asked for two more people, and finance wants a short plan before they agree.',
  'I will write that plan together with Tom and send it around by Monday.',
  'Please add your comments in the document instead of replying by email.',
  'The last item is the customer visit next Tuesday afternoon.',
  'They want to see the new design and hear how we handle their data.',
  'Anna will show the design, and I will explain the privacy features.',
  'We should also prepare a short demo that works without a network connection.',
  'Does anyone have questions about the plan or want to add something?',
  'If not, thanks again, and let us meet at the same time next week.',
];
/** The part of a chat request body the breakdown reads. */
const ChatBody = z.object({ messages: z.array(z.object({ role: z.string(), content: z.string() })) });

/** A typical conversational speaking rate (English speech runs about 140–160 words per minute). */
const WORDS_PER_MINUTE = 150;

const settingsFor = (server: OpenAiTestServer, o: { allLocal: boolean; maxDeviceWords?: number }): Settings =>
  Settings.parse({
    ...defaultSettings(),
    allLocal: o.allLocal,
    sourceLanguage: 'en',
    targetLanguage: 'de',
    asrThreads: 2,
    cloud: { baseUrl: server.url, model: 'sotto-test-model', timeoutMs: 15_000, maxRetries: 0 },
    routing: { ...defaultSettings().routing, ...(o.maxDeviceWords ? { maxDeviceWords: o.maxDeviceWords } : {}) },
  });

/** The product's pipeline (device + cloud lanes through the egress module, ledger, sessions) for fixed settings. */
function pipelineFor(
  settings: Settings,
  modelsDir: string,
  asr: () => Promise<WhisperModel>,
  emit: (event: EngineEvent) => void = () => undefined,
  tuning?: SessionTuning,
  tls: { ca: string[]; reuseConnections: boolean } = { ca: [], reuseConnections: true },
): Pipeline {
  const egress = createEgress({ allLocal: () => settings.allLocal, allowedHosts: () => allowedHostsFor(settings), auditLogPath: null, ...tls });
  return new Pipeline({ settings: () => settings, asr, egress, apiKey: () => null, modelsDir, emit, ...(tuning ? { tuning } : {}) });
}

const noWhisper = async (): Promise<WhisperModel> => {
  throw new Error('this benchmark step translates typed text only: no Whisper model is loaded');
};

/** One transcript line through router, redaction and the lanes, with its wall time. */
async function timedLine(text: string, settings: Settings, pipeline: Pipeline, id: string): Promise<{ ms: number; result: LineTranslation }> {
  const started = performance.now();
  const result = await translateLine(
    { id, text, sourceLanguage: 'en', targetLanguage: 'de', confidence: { mean_token_prob: 0.9, no_speech_prob: 0 }, settings },
    pipeline.translators.current(),
  );
  return { ms: performance.now() - started, result };
}

async function laneRuns(lane: 'device' | 'cloud', server: OpenAiTestServer, modelsDir: string, rounds: number) {
  // Device: all-local mode (the router keeps every line on the device). Cloud: every line of 2+ words is "long".
  const settings = settingsFor(server, lane === 'device' ? { allLocal: true } : { allLocal: false, maxDeviceWords: 1 });
  const pipeline = pipelineFor(settings, modelsDir, noWhisper);
  try {
    const warm = await timedLine(LANE_SENTENCES[0]!, settings, pipeline, 'warm-up'); // device: model load; cloud: connection
    const sentences = [];
    for (let r = 0; r < rounds; r++) {
      for (const [i, text] of LANE_SENTENCES.entries()) {
        const { ms, result } = await timedLine(text, settings, pipeline, `${lane}-${r}-${i}`);
        sentences.push({ text, translation: result.translation, lane: result.lane, ms: round(ms, 2), bytes_sent: result.bytes.sent, bytes_received: result.bytes.received });
      }
    }
    const onLane = sentences.filter((s) => s.lane === lane && s.translation !== null);
    return { warmMs: warm.ms, sentences, median: onLane.length ? round(medianOf(onLane.map((s) => s.ms), `${lane} lane`), 2) : null };
  } finally {
    await pipeline.dispose();
  }
}

/** A realistic transcript, every line to the cloud: wire bytes sent per minute of speech it represents. */
async function bytesPerSpeechMinute(server: OpenAiTestServer, modelsDir: string) {
  const settings = settingsFor(server, { allLocal: false, maxDeviceWords: 1 });
  const pipeline = pipelineFor(settings, modelsDir, noWhisper);
  server.reset();
  let sent = 0;
  let received = 0;
  let toCloud = 0;
  try {
    for (const [i, text] of MEETING_TRANSCRIPT.entries()) {
      const { result } = await timedLine(text, settings, pipeline, `minute-${i}`);
      sent += result.bytes.sent;
      received += result.bytes.received;
      if (result.lane === 'cloud') toCloud++;
    }
  } finally {
    await pipeline.dispose();
  }
  // Where the bytes go, from the server's own record of each request: HTTP head vs JSON body, and in the body the
  // fixed translation instruction (the system message) that every request repeats.
  const requests = server.requests.filter((r) => r.path.startsWith('/v1/chat/completions'));
  const bodyBytes = requests.reduce((n, r) => n + Buffer.byteLength(r.body, 'utf8'), 0);
  const instructionBytes = requests.reduce((n, r) => {
    const system = ChatBody.parse(JSON.parse(r.body)).messages.find((m) => m.role === 'system');
    return n + Buffer.byteLength(system?.content ?? '', 'utf8');
  }, 0);
  const perRequest = (bytes: number): number => round(bytes / Math.max(1, requests.length), 1);
  const words = MEETING_TRANSCRIPT.reduce((n, line) => n + countWords(line), 0);
  const transcriptBytes = MEETING_TRANSCRIPT.reduce((n, line) => n + Buffer.byteLength(line, 'utf8'), 0);
  const minutes = words / WORDS_PER_MINUTE;
  return {
    perMinute: round(sent / minutes, 1),
    raw: {
      definition: `one minute of speech = ${WORDS_PER_MINUTE} words of transcript (a typical conversational rate); a meeting transcript of ${MEETING_TRANSCRIPT.length} lines (one per utterance/sentence), routed with maxDeviceWords 1 so every line goes to the cloud lane; bytes = egress-counted request bytes (request line + headers + body), retries included`,
      words,
      words_per_minute: WORDS_PER_MINUTE,
      minutes: round(minutes, 3),
      lines: MEETING_TRANSCRIPT.length,
      lines_to_cloud: toCloud,
      transcript_bytes: transcriptBytes,
      bytes_sent: sent,
      bytes_received: received,
      server_bytes_received: server.bytesReceived(),
      transcript_bytes_per_minute: round(transcriptBytes / minutes, 1),
      overhead_bytes_per_line: round((sent - transcriptBytes) / MEETING_TRANSCRIPT.length, 1),
      requests: requests.length,
      http_head_bytes_per_request: perRequest(server.bytesReceived() - bodyBytes),
      body_bytes_per_request: perRequest(bodyBytes),
      instruction_bytes_per_request: perRequest(instructionBytes),
    },
  };
}

/** Long utterances (more words than the router's default 18 for the device lane), as a talkative speaker makes them. */
const LONG_LINES = [
  'So what I would like to propose is that we move the whole review to next week, because half of the team is travelling and nobody has read the document yet.',
  'The customer told us on the phone that they are happy with the new version, but they also asked whether we could make the export faster for very large files.',
  'If we want to ship before the holidays we have to decide today which of the three remaining features we drop, and I would rather drop the one nobody asked for.',
  'Let me summarise what we agreed: Tom writes the plan, Anna prepares the demo, and I talk to finance about the two new people before the end of the month.',
];

/** An example price for the cost figures: OpenAI's list price of gpt-4o-mini, USD per million tokens (input, output). */
const EXAMPLE_PRICE = { input: 0.15, output: 0.6 };

/**
 * The router at its defaults over a mixed session (short lines the device knows, then the meeting transcript), typed
 * through the app's own pipeline: the share of lines done on the device, latency per lane, how long finals waited,
 * and the cloud's cost against sending every line.
 */
async function routerSession(server: OpenAiTestServer, modelsDir: string) {
  const base = settingsFor(server, { allLocal: false }); // default routing thresholds
  const settings = Settings.parse({ ...base, cloud: { ...base.cloud, pricePerMillion: EXAMPLE_PRICE } });
  const pipeline = pipelineFor(settings, modelsDir, noWhisper);
  const lines = [...LANE_SENTENCES, ...MEETING_TRANSCRIPT, ...LONG_LINES];
  try {
    const session = await pipeline.textSession();
    // All at once, as a fast speaker's finals would arrive: the queue wait is part of what this measures.
    for (const text of lines) session.translateText(text);
    await session.drain();
    const summary = session.summary();
    const share = summary.device_share_percent === null ? null : round(summary.device_share_percent, 1);
    return { share, raw: { definition: `${lines.length} typed lines (${LANE_SENTENCES.length} short lines the generated en→de model knows, the ${MEETING_TRANSCRIPT.length}-line meeting transcript, ${LONG_LINES.length} long utterances of 30+ words) queued at once through the pipeline with the default routing thresholds (device first; escalation to the cloud on long, uncertain or poorly translated lines), cloud = the local test server; cost at ${EXAMPLE_PRICE.input}/${EXAMPLE_PRICE.output} USD per million input/output tokens (example price), tokens as the test server counts them`, lines: lines.length, summary } };
  } finally {
    await pipeline.dispose();
  }
}

/** The meeting transcript spoken by espeak-ng, one sentence per utterance with pauses between them. */
async function spokenSession(): Promise<{ file: string; samples: number }> {
  const parts: Int16Array[] = [];
  for (const sentence of MEETING_TRANSCRIPT) parts.push(await readWav16kMono(await ensureSpeechWav(sentence, { padStartS: 0.3, padEndS: 0.9 })));
  const samples = parts.reduce((n, p) => n + p.length, 0);
  const pcm = new Int16Array(samples);
  let at = 0;
  for (const p of parts) {
    pcm.set(p, at);
    at += p.length;
  }
  await mkdir(benchCacheDir, { recursive: true });
  const file = path.join(benchCacheDir, 'spoken-session.wav');
  await writeFile(file, int16Wav(pcm));
  return { file, samples };
}

/**
 * A spoken session through the whole engine, composed as the app and the demo compose it: WavSource → Silero VAD →
 * Whisper (tiny, random weights) → router → cloud lane (with device fallback) → ledger. data_kept_percent is the
 * ledger's own figure: audio (16 kHz, 16-bit) + transcripts kept, against bytes sent on the wire.
 */
async function sessionKept(server: OpenAiTestServer, modelsDir: string) {
  const session = await spokenSession();
  const settings = settingsFor(server, { allLocal: false });
  const whisper = await loadWhisperModel(await ensureTestWhisperModel('tiny'));
  const captions: CaptionFinal[] = [];
  const collect = (event: EngineEvent): void => {
    if (event.type === 'caption.final') captions.push(event);
  };
  // The file is read faster than speech: partials would only measure the backlog (as in the demo).
  const pipeline = pipelineFor(settings, modelsDir, async () => whisper, collect, { partials: false, maxTokensPerSecond: TOKENS_PER_SECOND });
  const { vad, via } = await createBenchVad();
  let summary: SessionSummary;
  try {
    const captionSession = await pipeline.session();
    await captionSession.run(new WavSource(session.file), new VadSegmenter(vad, captionSession.utterances, settings.vad));
    await captionSession.drain();
    summary = captionSession.summary();
  } finally {
    await vad.release();
    await pipeline.dispose();
    await whisper.dispose();
  }
  return {
    kept: round(summary.data_kept_percent, 4),
    raw: {
      vad_via: via,
      kept_percent_with_real_transcript: null as number | null,
      definition:
        'the ledger of one spoken session through the whole engine: the meeting transcript spoken by espeak-ng (one utterance per sentence), segmented by Silero VAD, transcribed by Whisper tiny (random weights: the transcripts are garbage and shorter than the spoken sentences, see captions[].words; cap 4 tokens/s), routed with default thresholds to the cloud lane; kept = audio bytes (16 kHz 16-bit) + transcripts translated on the device; sent = egress-counted request bytes',
      wav: session.file,
      audio_s: round(session.samples / SAMPLE_RATE, 2),
      summary,
      captions: captions.map((c) => ({ lane: c.lane, lane_reason: c.lane_reason, words: countWords(c.text), bytes: c.bytes })),
    },
  };
}

/**
 * Per-line cloud latency over HTTPS through a proxy adding 50 ms of round trip: kept-alive connections (one TCP + TLS
 * handshake for the whole run) against a fresh connection per line (a handshake on every line), same lines, same
 * product pipeline; the egress counts exact bytes either way.
 */
async function connectionReuse(modelsDir: string, rounds: number) {
  const { key, cert } = selfSignedCert();
  const server = await startOpenAiServer({ tls: { key, cert } });
  const proxy = await startDelayProxy({ host: '127.0.0.1', port: server.port }, ADDED_RTT_MS / 2);
  const baseUrl = `https://127.0.0.1:${proxy.port}/v1`;
  const run = async (reuseConnections: boolean) => {
    const settings = Settings.parse({ ...settingsFor(server, { allLocal: false, maxDeviceWords: 1 }), cloud: { baseUrl, model: 'sotto-test-model', timeoutMs: 15_000, maxRetries: 0 } });
    const pipeline = pipelineFor(settings, modelsDir, noWhisper, undefined, undefined, { ca: [cert], reuseConnections });
    const before = proxy.connections();
    try {
      await timedLine(LANE_SENTENCES[0]!, settings, pipeline, 'warm-up');
      const ms: number[] = [];
      for (let r = 0; r < rounds; r++) for (const [i, text] of LANE_SENTENCES.entries()) ms.push(round((await timedLine(text, settings, pipeline, `reuse-${r}-${i}`)).ms, 2));
      return { runs_ms: ms, median_ms: round(medianOf(ms, 'cloud line'), 2), connections: proxy.connections() - before };
    } finally {
      await pipeline.dispose();
    }
  };
  try {
    const reused = await run(true);
    const fresh = await run(false);
    return { reused, fresh, ratio: round(reused.median_ms / fresh.median_ms, 3), rttMs: ADDED_RTT_MS, lines: reused.runs_ms.length };
  } finally {
    await proxy.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw new Error(`--rounds must be an integer 1..50, got ${values.rounds}`);

  progress('preparing: whisper addon, generated en→de translator, local OpenAI-compatible server');
  await ensureNativeAddon({ quiet: true });
  const modelsDir = path.join(benchCacheDir, 'translators');
  const translatorFolder = await ensureTestTranslator(modelsDir, 'en-de');
  const machine = machineInfo({ whisper: true });
  const server = await startOpenAiServer();
  let device, cloud, minute, kept, router, reuse;
  try {
    progress('device lane');
    device = await laneRuns('device', server, modelsDir, rounds);
    progress('cloud lane');
    cloud = await laneRuns('cloud', server, modelsDir, rounds);
    progress('cloud lines over HTTPS with 50 ms added RTT: reused vs fresh connections');
    reuse = await connectionReuse(modelsDir, rounds);
    progress('bytes per speech minute');
    minute = await bytesPerSpeechMinute(server, modelsDir);
    progress('router at its defaults');
    router = await routerSession(server, modelsDir);
    progress('spoken session through the engine');
    kept = await sessionKept(server, modelsDir);
    // The session's audio with the bytes its real transcript costs on the wire (the speech-minute run sent exactly
    // these sentences): what the ledger would show if Whisper had transcribed them correctly.
    const audioBytes = kept.raw.summary.audio_bytes_processed;
    kept.raw.kept_percent_with_real_transcript = round(keptPercent(audioBytes, minute.raw.bytes_sent), 4);
  } finally {
    await server.close();
  }
  machine.load_average_end = loadAverage();

  const figures = {
    device_lane_ms_median: device.median,
    cloud_lane_ms_median: cloud.median,
    bytes_sent_per_speech_minute: minute.perMinute,
    data_kept_percent: kept.kept,
    device_share_percent: router.share,
    cloud_line_ms_reused: reuse.reused.median_ms,
    cloud_line_ms_fresh: reuse.fresh.median_ms,
    cloud_reuse_ratio: reuse.ratio,
  };
  const met = {
    device_lane_ms_median: null,
    cloud_lane_ms_median: null,
    bytes_sent_per_speech_minute: minute.perMinute <= 1024,
    data_kept_percent: kept.kept >= 99.9,
    device_share_percent: null,
    cloud_line_ms_reused: null,
    cloud_line_ms_fresh: null,
    cloud_reuse_ratio: reuse.ratio <= 0.6,
  };
  const file = await writeBenchJson('lanes', LanesBench, {
    benchmark: 'lanes',
    date: new Date().toISOString(),
    machine,
    notes: [
      `device_lane_ms_median: wall time of translateLine in all-local mode (router → device lane: transformers.js + onnxruntime, generated word-by-word MarianMT en→de model), ${LANE_SENTENCES.length} sentences × ${rounds} rounds after one warm-up line (model load, reported separately). Median over lines that the device lane really translated.`,
      `cloud_lane_ms_median: wall time of translateLine with every line routed to the cloud (maxDeviceWords 1): redaction → openai SDK, streamed, through the egress fetch → local OpenAI-compatible test server on 127.0.0.1 → restore. Same sentences and rounds, after one warm-up line. It measures the client-side cost of the lane; a real endpoint adds network and model time.`,
      'bytes_sent_per_speech_minute: see raw.speech_minute.definition. Each cloud request carries the fixed translation instruction (system prompt) and the SDK’s HTTP headers besides the transcript, so per-line overhead dominates; raw.speech_minute gives transcript bytes and overhead per line separately.',
      'data_kept_percent: see raw.session.definition. Random-weight transcripts are shorter than real ones, so raw.session.kept_percent_with_real_transcript applies the ledger formula to the same audio with the wire bytes of the real sentences (from the speech-minute run). The ledger counts utterance audio only (what the VAD passed on), not the silence between utterances.',
      'device_share_percent: see raw.router.definition; raw.router.summary holds latency p50/p95 per lane, queue wait p50/p95 and the cost (billed tokens, USD at the example price, and the estimated cost the device lines avoided).',
      `cloud_line_ms_reused / cloud_line_ms_fresh: translateLine to the cloud lane over HTTPS (self-signed test certificate, trusted through the egress's ca option) through a TCP proxy adding ${ADDED_RTT_MS} ms of round trip; ${LANE_SENTENCES.length} sentences × ${rounds} rounds after a warm-up line, medians. Reused: the egress keeps the connection alive (one TCP + TLS handshake for the run); fresh: reuseConnections off, a new connection and TLS handshake per line. raw.reuse counts the connections the proxy saw.`,
      'The machine is shared with other engineers’ builds and tests: read absolute times against the load averages.',
    ],
    ...figures,
    targets: TARGETS,
    met,
    raw: {
      device_lane: { model: translatorFolder, model_load_ms: round(device.warmMs, 1), sentences: device.sentences.map(({ text, translation, lane, ms }) => ({ text, translation, lane, ms })) },
      cloud_lane: { endpoint: server.url, sentences: cloud.sentences },
      speech_minute: minute.raw,
      session: kept.raw,
      router: router.raw,
      reuse: { rtt_added_ms: reuse.rttMs, lines: reuse.lines, reused: reuse.reused, fresh: reuse.fresh },
    },
  });
  printSummary(
    `Sotto lanes benchmark (load ${machine.load_average_start.join(' ')} → ${machine.load_average_end.join(' ')}, ${machine.cores} cores)`,
    [
      { figure: 'device_lane_ms_median', value: figures.device_lane_ms_median, unit: 'ms', target: TARGETS.device_lane_ms_median, met: null },
      { figure: 'cloud_lane_ms_median', value: figures.cloud_lane_ms_median, unit: 'ms', target: 'lower is better', met: null },
      { figure: 'bytes_sent_per_speech_minute', value: figures.bytes_sent_per_speech_minute, unit: 'B', target: TARGETS.bytes_sent_per_speech_minute, met: met.bytes_sent_per_speech_minute },
      { figure: 'data_kept_percent', value: figures.data_kept_percent, unit: '%', target: TARGETS.data_kept_percent, met: met.data_kept_percent },
      { figure: 'device_share_percent', value: figures.device_share_percent, unit: '%', target: TARGETS.device_share_percent, met: null },
      { figure: 'cloud_line_ms_reused', value: figures.cloud_line_ms_reused, unit: 'ms', target: TARGETS.cloud_line_ms_reused, met: null },
      { figure: 'cloud_line_ms_fresh', value: figures.cloud_line_ms_fresh, unit: 'ms', target: TARGETS.cloud_line_ms_fresh, met: null },
      { figure: 'cloud_reuse_ratio', value: figures.cloud_reuse_ratio, unit: '×', target: TARGETS.cloud_reuse_ratio, met: met.cloud_reuse_ratio },
    ],
    file,
  );
}

runMain(main);
