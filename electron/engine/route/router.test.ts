import { describe, expect, it } from 'vitest';
import { RoutingSettings } from '../../contract';
import { escalation, route, countWords, type RouteInput } from './router';

const routing = RoutingSettings.parse({ maxDeviceWords: 10, minAsrConfidence: 0.6, minDeviceLogprob: -1 });
const base: RouteInput = {
  text: 'a short clear line',
  sourceLanguage: 'en',
  targetLanguage: 'de',
  asrConfidence: { mean_token_prob: 0.9, no_speech_prob: 0.05 },
  allLocal: false,
  cloudConfigured: true,
  deviceSupportsPair: true,
  whisperTranslateAvailable: false,
  routing,
};
const long = 'one two three four five six seven eight nine ten eleven';

// [case, changes to the base input, expected kind, expected task (device only), reason pattern]
const table: [string, Partial<RouteInput>, string, 'text' | 'whisper' | null, RegExp][] = [
  ['no target language', { targetLanguage: null }, 'none', null, /captions only/],
  ['already in the target', { sourceLanguage: 'de' }, 'none', null, /already in German/],
  ['empty text', { text: '  ' }, 'none', null, /nothing to translate/],
  ['all-local, pair on device', { allLocal: true, text: long, asrConfidence: { mean_token_prob: 0.1, no_speech_prob: 0 } }, 'device', 'text', /^all-local mode$/],
  ['all-local, no model, target en, Whisper', { allLocal: true, deviceSupportsPair: false, targetLanguage: 'en', sourceLanguage: 'de', whisperTranslateAvailable: true }, 'device', 'whisper', /Whisper translates to English/],
  ['all-local, no model, target de', { allLocal: true, deviceSupportsPair: false }, 'unavailable', null, /no local model for English→German \(all-local/],
  ['no model, cloud allowed', { deviceSupportsPair: false }, 'cloud', null, /no local model for English→German/],
  ['no model, no cloud, target en, Whisper', { deviceSupportsPair: false, cloudConfigured: false, targetLanguage: 'en', sourceLanguage: 'fr', whisperTranslateAvailable: true }, 'device', 'whisper', /Whisper's translate task/],
  ['no model, no cloud, target en, no Whisper', { deviceSupportsPair: false, cloudConfigured: false, targetLanguage: 'en', sourceLanguage: 'fr' }, 'unavailable', null, /no local model for French→English and no cloud endpoint/],
  ['no model, no cloud, target de', { deviceSupportsPair: false, cloudConfigured: false }, 'unavailable', null, /no local model/],
  ['no cloud configured, long line', { cloudConfigured: false, text: long }, 'device', 'text', /no cloud endpoint set/],
  ['probably not speech', { text: long, asrConfidence: { mean_token_prob: 0.2, no_speech_prob: 0.9 } }, 'device', 'text', /not speech/],
  ['long line', { text: long }, 'cloud', null, /long line \(11 words\)/],
  ['exactly maxDeviceWords stays', { text: 'one two three four five six seven eight nine ten' }, 'device', 'text', /short, clear/],
  ['uncertain transcript', { asrConfidence: { mean_token_prob: 0.4, no_speech_prob: 0.1 } }, 'cloud', null, /uncertain transcript/],
  ['short clear line', {}, 'device', 'text', /short, clear line/],
  ['unknown source language, cloud allowed', { sourceLanguage: null, deviceSupportsPair: false }, 'cloud', null, /no local model for the spoken language→German/],
];

describe('router decision table', () => {
  it.each(table)('%s', (_name, changes, kind, task, reason) => {
    const d = route({ ...base, ...changes });
    expect(d.kind).toBe(kind);
    expect(d.lane).toBe(kind === 'device' || kind === 'cloud' ? kind : null);
    if (d.kind === 'device') expect(d.task).toBe(task);
    expect(d.reason).toMatch(reason);
    expect(d.features.pair).toBe(`${changes.sourceLanguage === undefined ? 'en' : (changes.sourceLanguage ?? '?')}→${changes.targetLanguage === undefined ? 'de' : (changes.targetLanguage ?? '-')}`);
  });

  it('only the two-lane policy decision may escalate', () => {
    expect(route(base)).toMatchObject({ kind: 'device', escalate: true });
    expect(route({ ...base, allLocal: true })).toMatchObject({ kind: 'device', escalate: false });
    expect(route({ ...base, cloudConfigured: false })).toMatchObject({ kind: 'device', escalate: false });
  });
});

describe('cascade escalation', () => {
  const d = route(base);
  it.each([
    [-0.5, false],
    [-1, false],
    [-1.5, true],
    [null, false],
  ] as const)('device log-prob %s → escalate %s', (logprob, escalate) => {
    const e = escalation(d, logprob, routing);
    expect(e.escalate).toBe(escalate);
    expect(e.features.device_logprob).toBe(logprob);
    if (escalate) expect(e.reason).toMatch(/device translation unsure \(log-prob -1\.50 < -1\)/);
  });
  it('never escalates a line in all-local mode', () => {
    expect(escalation(route({ ...base, allLocal: true }), -9, routing).escalate).toBe(false);
  });
});

describe('countWords', () => {
  it('counts spaced words and unspaced scripts', () => {
    expect(countWords('  hello   there world ')).toBe(3);
    expect(countWords('今天天气很好我们去公园')).toBe(6);
  });
});
