import { describe, expect, it } from 'vitest';
import { outgoingEvent } from './outgoing-event';

describe('outgoingEvent', () => {
  it('passes a valid event on, with the contract defaults filled in', () => {
    expect(outgoingEvent({ type: 'notice', level: 'info', code: 'c', message: 'm' })).toEqual({ type: 'notice', level: 'info', code: 'c', message: 'm' });
    expect(outgoingEvent({ type: 'error', code: 'c', message: 'm', action: 'a', recoverable: true })).toMatchObject({ caption_id: null });
  });

  it('turns an event that breaks the contract into a visible invalid_event error that names the problem', () => {
    expect(outgoingEvent({ type: 'mic.level', rms: 7, peak: 0 })).toEqual({
      type: 'error',
      code: 'invalid_event',
      message: expect.stringContaining('rms'),
      action: expect.stringMatching(/report/),
      recoverable: true,
      caption_id: null,
    });
  });
});
