import type {
  CaptionFinal,
  CaptionTimings,
  CommandError,
  EngineEvent,
  Lane,
  LedgerTotals,
  ModelDownloadProgress,
  ModelEntry,
  PublicSettings,
  RedactionReport,
  SessionSummary,
  Status,
} from './contract';

/** One caption line as the screen shows it: provisional while partial, replaced in place by the final. */
export interface CaptionView {
  id: string;
  final: boolean;
  /** Partial only: what is being worked on. */
  stage: 'transcribing' | 'translating' | null;
  /** Partial: agreed text (solid) and latest guess (lighter). Final: committed is the whole text. */
  committed: string;
  tentative: string;
  language: string | null;
  targetLanguage: string | null;
  translation: string | null;
  lane: Lane | null;
  laneReason: string | null;
  fallback: boolean;
  fallbackReason: string | null;
  timings: CaptionTimings | null;
  bytes: CaptionFinal['bytes'] | null;
  /** Where the line's text went (endpoint, requests, tokens) when any of it left; null (or absent) when it never did. */
  cloud?: CaptionFinal['cloud'];
  redaction: RedactionReport | null;
  /** Set when the engine reported an error about this line. */
  error: string | null;
}

export type NoticeLevel = 'error' | 'warning' | 'info';

export interface NoticeView {
  id: number;
  level: NoticeLevel;
  code: string;
  message: string;
  /** What the user can do about it (EngineError.action / CommandError.action). */
  action: string | null;
  /** The same notice again bumps this instead of stacking copies. */
  count: number;
}

/** One point of the ledger chart: bytes kept on the device, and caption text sent (downloads and checks have their own lines). */
export interface LedgerPoint {
  t: number;
  kept: number;
  sent: number;
}

export type ConnectionView = 'ipc' | 'connecting' | 'open' | 'reconnecting' | 'unauthorized' | 'closed';

export interface ViewState {
  captions: Record<string, CaptionView>;
  /** Caption ids in order of first appearance. */
  order: string[];
  ledger: LedgerTotals | null;
  ledgerHistory: LedgerPoint[];
  status: Status | null;
  micLevel: { rms: number; peak: number };
  notices: NoticeView[];
  nextNoticeId: number;
  settings: PublicSettings | null;
  models: ModelEntry[];
  modelProgress: Record<string, ModelDownloadProgress>;
  /** A failed download's error event (message and action apart), shown in its model's row instead of a banner. */
  modelErrors: Record<string, { message: string; action: string }>;
  summary: SessionSummary | null;
  connection: ConnectionView;
}

export const MAX_CAPTIONS = 500;
export const MAX_LEDGER_POINTS = 120;
export const MAX_NOTICES = 6;

export const initialViewState = (): ViewState => ({
  captions: {},
  order: [],
  ledger: null,
  ledgerHistory: [],
  status: null,
  micLevel: { rms: 0, peak: 0 },
  notices: [],
  nextNoticeId: 1,
  settings: null,
  models: [],
  modelProgress: {},
  modelErrors: {},
  summary: null,
  connection: 'connecting',
});

function upsertCaption(state: ViewState, caption: CaptionView): ViewState {
  const exists = caption.id in state.captions;
  let order = exists ? state.order : [...state.order, caption.id];
  let captions = { ...state.captions, [caption.id]: caption };
  if (order.length > MAX_CAPTIONS) {
    const dropped = order.slice(0, order.length - MAX_CAPTIONS);
    order = order.slice(-MAX_CAPTIONS);
    captions = { ...captions };
    for (const id of dropped) delete captions[id];
  }
  return { ...state, captions, order };
}

export function addNotice(state: ViewState, notice: Omit<NoticeView, 'id' | 'count'>): ViewState {
  const same = state.notices.find((n) => n.code === notice.code && n.message === notice.message && n.level === notice.level);
  if (same) {
    return { ...state, notices: state.notices.map((n) => (n === same ? { ...n, count: n.count + 1 } : n)) };
  }
  const notices = [...state.notices, { ...notice, id: state.nextNoticeId, count: 1 }];
  // Keep every error; drop the oldest info/warning first when there are too many.
  while (notices.length > MAX_NOTICES) {
    const idx = notices.findIndex((n) => n.level !== 'error');
    notices.splice(idx >= 0 ? idx : 0, 1);
  }
  return { ...state, notices, nextNoticeId: state.nextNoticeId + 1 };
}

export const dismissNotice = (state: ViewState, id: number): ViewState => ({ ...state, notices: state.notices.filter((n) => n.id !== id) });

/** A failed command, shown like an engine error: what happened and what to do. */
export const addCommandError = (state: ViewState, command: string, error: CommandError): ViewState =>
  addNotice(state, { level: 'error', code: error.code, message: error.message || `${command} failed.`, action: error.action });

function mergeModels(models: ModelEntry[], progress: ModelDownloadProgress): ModelEntry[] {
  if (progress.state !== 'done') return models;
  return models.map((m) => (m.id === progress.id ? { ...m, installed: true } : m));
}

/** The model whose download failed with this error: its progress ended in 'error' with the same message. */
function failedModel(state: ViewState, event: Extract<EngineEvent, { type: 'error' }>): string | null {
  if (event.caption_id !== null) return null;
  return Object.values(state.modelProgress).find((p) => p.state === 'error' && p.message !== null && p.message.startsWith(event.message))?.id ?? null;
}

/** Pure: the screen state after one engine event. `now` stamps chart points (ms). */
export function reduceEvent(state: ViewState, event: EngineEvent, now: number): ViewState {
  switch (event.type) {
    case 'caption.partial': {
      const existing = state.captions[event.id];
      // A partial that arrives after its final (reordering) must not make the line provisional again.
      if (existing?.final) return state;
      return upsertCaption(state, {
        id: event.id,
        final: false,
        stage: event.stage,
        committed: event.committed,
        tentative: event.tentative,
        language: event.language,
        targetLanguage: existing?.targetLanguage ?? null,
        translation: event.translation,
        lane: event.lane,
        laneReason: existing?.laneReason ?? null,
        fallback: false,
        fallbackReason: null,
        timings: null,
        bytes: null,
        cloud: null,
        redaction: null,
        error: existing?.error ?? null,
      });
    }
    case 'caption.final':
      return upsertCaption(state, {
        id: event.id,
        final: true,
        stage: null,
        committed: event.text,
        tentative: '',
        language: event.language,
        targetLanguage: event.target_language,
        translation: event.translation,
        lane: event.lane,
        laneReason: event.lane_reason,
        fallback: event.fallback,
        fallbackReason: event.fallback_reason,
        timings: event.timings,
        bytes: event.bytes,
        cloud: event.cloud,
        redaction: event.redaction,
        error: state.captions[event.id]?.error ?? null,
      });
    case 'ledger.updated': {
      const point = { t: now, kept: event.totals.bytes_kept_local, sent: event.totals.text_sent.bytes_sent };
      return { ...state, ledger: event.totals, ledgerHistory: [...state.ledgerHistory, point].slice(-MAX_LEDGER_POINTS) };
    }
    case 'status':
      return { ...state, status: event, micLevel: event.mic.capturing ? state.micLevel : { rms: 0, peak: 0 } };
    case 'mic.level':
      return { ...state, micLevel: { rms: event.rms, peak: event.peak } };
    case 'error': {
      // A failed download is shown in its model's row (model.progress carries the same text): no banner on top.
      const model = failedModel(state, event);
      if (model) return { ...state, modelErrors: { ...state.modelErrors, [model]: { message: event.message, action: event.action } } };
      let next = addNotice(state, { level: event.recoverable ? 'warning' : 'error', code: event.code, message: event.message, action: event.action });
      const line = event.caption_id ? next.captions[event.caption_id] : undefined;
      if (line) next = { ...next, captions: { ...next.captions, [line.id]: { ...line, error: event.message } } };
      return next;
    }
    case 'notice':
      return addNotice(state, { level: event.level, code: event.code, message: event.message, action: null });
    case 'settings.changed':
      return { ...state, settings: event.settings };
    case 'model.progress':
      return {
        ...state,
        modelProgress: { ...state.modelProgress, [event.id]: event },
        // A new attempt starts with a clean row; its own error event (if any) follows its progress.
        modelErrors: Object.fromEntries(Object.entries(state.modelErrors).filter(([id]) => id !== event.id)),
        models: mergeModels(state.models, event),
      };
    case 'session.summary':
      return { ...state, summary: event };
  }
}

/** Replaces the ledger after a `ledger.get` (first load, reconnect) without a chart point. */
export const withLedger = (state: ViewState, totals: LedgerTotals): ViewState => ({ ...state, ledger: totals });
