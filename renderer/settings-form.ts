import { SettingsPatch, type PublicSettings } from './contract';

/** The settings form's editable values, as the inputs hold them (text for numbers and lists). */
export interface SettingsDraft {
  sourceLanguage: string;
  /** '' = captions only, no translation. */
  targetLanguage: string;
  micDeviceIndex: string;
  asrModel: string;
  /** 'auto', 'cpu' or 'gpu:<description>' (an id from `asr.gpu`). */
  asrDevice: string;
  mode: PublicSettings['mode'];
  hotkey: string;
  cloudBaseUrl: string;
  cloudModel: string;
  /** US dollars per million input / output tokens; both empty = no price. */
  priceInput: string;
  priceOutput: string;
  /** Model download mirror base URL; empty = the publisher. */
  modelMirror: string;
  maxDeviceWords: string;
  minAsrConfidence: string;
  minDeviceLogprob: string;
  /** One term per line. */
  glossary: string;
  captionSize: PublicSettings['captionSize'];
  theme: PublicSettings['theme'];
}

/** Which settings path each form field edits: zod issues come back with these paths. */
export const FIELD_PATH: Record<keyof SettingsDraft, string> = {
  sourceLanguage: 'sourceLanguage',
  targetLanguage: 'targetLanguage',
  micDeviceIndex: 'micDeviceIndex',
  asrModel: 'asrModel',
  asrDevice: 'asrDevice',
  mode: 'mode',
  hotkey: 'hotkey',
  cloudBaseUrl: 'cloud.baseUrl',
  cloudModel: 'cloud.model',
  priceInput: 'cloud.pricePerMillion.input',
  priceOutput: 'cloud.pricePerMillion.output',
  modelMirror: 'modelMirror',
  maxDeviceWords: 'routing.maxDeviceWords',
  minAsrConfidence: 'routing.minAsrConfidence',
  minDeviceLogprob: 'routing.minDeviceLogprob',
  glossary: 'glossary',
  captionSize: 'captionSize',
  theme: 'theme',
};

export function draftFromSettings(s: PublicSettings): SettingsDraft {
  return {
    sourceLanguage: s.sourceLanguage,
    targetLanguage: s.targetLanguage ?? '',
    micDeviceIndex: String(s.micDeviceIndex),
    asrModel: s.asrModel,
    asrDevice: s.asrDevice,
    mode: s.mode,
    hotkey: s.hotkey,
    cloudBaseUrl: s.cloud.baseUrl,
    cloudModel: s.cloud.model,
    priceInput: s.cloud.pricePerMillion ? String(s.cloud.pricePerMillion.input) : '',
    priceOutput: s.cloud.pricePerMillion ? String(s.cloud.pricePerMillion.output) : '',
    modelMirror: s.modelMirror,
    maxDeviceWords: String(s.routing.maxDeviceWords),
    minAsrConfidence: String(s.routing.minAsrConfidence),
    minDeviceLogprob: String(s.routing.minDeviceLogprob),
    glossary: s.glossary.join('\n'),
    captionSize: s.captionSize,
    theme: s.theme,
  };
}

/** '' and junk become NaN, which zod reports as "expected number" instead of silently saving 0. */
const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** zod's messages, reworded where they would read like a stack trace ("expected number, received NaN"). */
function friendlyMessage(field: keyof SettingsDraft, issue: { code: string; message: string; expected?: unknown }): string {
  if (field === 'cloudBaseUrl') return 'Enter an http:// or https:// address, or leave it empty for no cloud lane.';
  if (field === 'modelMirror') return issue.message.startsWith('a mirror') ? 'A mirror is a base URL: no query, fragment or user name.' : 'Enter an http:// or https:// base URL, or leave it empty to download from the publisher.';
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Enter a number.';
  return issue.message;
}

/** Both prices, or neither (null). One alone is an error on the other, with the number NaN so zod names the field. */
function priceFromDraft(draft: SettingsDraft): { input: number; output: number } | null {
  if (draft.priceInput.trim() === '' && draft.priceOutput.trim() === '') return null;
  return { input: toNumber(draft.priceInput), output: toNumber(draft.priceOutput) };
}

/** What each field is called on screen, for "Saved: …" and "Not saved: …". */
export const FIELD_LABEL: Record<keyof SettingsDraft, string> = {
  sourceLanguage: 'Spoken language',
  targetLanguage: 'Translate to',
  micDeviceIndex: 'Microphone',
  asrModel: 'Speech model',
  asrDevice: 'Speech recognition runs on',
  mode: 'Capture',
  hotkey: 'Push-to-talk hotkey',
  cloudBaseUrl: 'Base URL',
  cloudModel: 'Model name',
  priceInput: 'Input price',
  priceOutput: 'Output price',
  modelMirror: 'Download mirror',
  maxDeviceWords: 'Long line (words)',
  minAsrConfidence: 'Uncertain below',
  minDeviceLogprob: 'Escalate below',
  glossary: 'Glossary',
  captionSize: 'Caption size',
  theme: 'Theme',
};

export type DraftResult = { ok: true; patch: SettingsPatch } | { ok: false; errors: Partial<Record<keyof SettingsDraft, string>> };

/**
 * Only what the user changed, validated with the contract's SettingsPatch schema.
 * Errors are keyed by form field, with zod's message.
 */
export function patchFromDraft(current: PublicSettings, draft: SettingsDraft): DraftResult {
  const before = draftFromSettings(current);
  const changed = (k: keyof SettingsDraft): boolean => draft[k] !== before[k];
  const patch: Record<string, unknown> = {};
  const cloud: Record<string, unknown> = {};
  const routing: Record<string, unknown> = {};
  if (changed('sourceLanguage')) patch.sourceLanguage = draft.sourceLanguage;
  if (changed('targetLanguage')) patch.targetLanguage = draft.targetLanguage === '' ? null : draft.targetLanguage;
  if (changed('micDeviceIndex')) patch.micDeviceIndex = toNumber(draft.micDeviceIndex);
  if (changed('asrModel')) patch.asrModel = draft.asrModel.trim();
  if (changed('asrDevice')) patch.asrDevice = draft.asrDevice;
  if (changed('mode')) patch.mode = draft.mode;
  if (changed('hotkey')) patch.hotkey = draft.hotkey.trim();
  if (changed('captionSize')) patch.captionSize = draft.captionSize;
  if (changed('theme')) patch.theme = draft.theme;
  if (changed('glossary')) {
    patch.glossary = draft.glossary
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean);
  }
  if (changed('cloudBaseUrl')) cloud.baseUrl = draft.cloudBaseUrl.trim();
  if (changed('cloudModel')) cloud.model = draft.cloudModel.trim();
  if (changed('priceInput') || changed('priceOutput')) cloud.pricePerMillion = priceFromDraft(draft);
  if (changed('modelMirror')) patch.modelMirror = draft.modelMirror.trim();
  if (changed('maxDeviceWords')) routing.maxDeviceWords = toNumber(draft.maxDeviceWords);
  if (changed('minAsrConfidence')) routing.minAsrConfidence = toNumber(draft.minAsrConfidence);
  if (changed('minDeviceLogprob')) routing.minDeviceLogprob = toNumber(draft.minDeviceLogprob);
  if (Object.keys(cloud).length) patch.cloud = cloud;
  if (Object.keys(routing).length) patch.routing = routing;

  const parsed = SettingsPatch.safeParse(patch);
  if (parsed.success) return { ok: true, patch: parsed.data };
  const errors: Partial<Record<keyof SettingsDraft, string>> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p) => typeof p === 'string').join('.');
    const field = (Object.keys(FIELD_PATH) as Array<keyof SettingsDraft>).find((k) => path === FIELD_PATH[k] || path.startsWith(`${FIELD_PATH[k]}.`));
    if (field && !errors[field]) errors[field] = friendlyMessage(field, issue);
  }
  return { ok: false, errors };
}
