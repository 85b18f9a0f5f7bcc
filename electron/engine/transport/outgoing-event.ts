import { describeZodError, EngineEvent } from '../../contract';

/**
 * An engine event about to leave for a window, validated against the contract. One that breaks
 * it becomes a visible `invalid_event` error instead of vanishing, so the bug gets reported.
 */
export function outgoingEvent(raw: unknown): EngineEvent {
  const parsed = EngineEvent.safeParse(raw);
  if (parsed.success) return parsed.data;
  return {
    type: 'error',
    code: 'invalid_event',
    message: `The engine produced an event the UI cannot show: ${describeZodError(parsed.error)}`,
    action: 'This is a bug in Sotto; please report it with this message.',
    recoverable: true,
    caption_id: null,
  };
}
