import { describe, expect, it } from 'vitest';
import { SottoCommandError, toCommandError } from './errors';

describe('toCommandError', () => {
  it('keeps a CommandError, from an object, a SottoCommandError or JSON in an Error message (the preload path)', () => {
    const e = { code: 'disk_full', message: 'Not enough space.', action: 'Free 200 MB.' };
    expect(toCommandError(e)).toEqual(e);
    expect(toCommandError(new SottoCommandError(e))).toEqual(e);
    // contextBridge keeps only an Error's message: the preload sends the CommandError as JSON there.
    expect(toCommandError(new Error(JSON.stringify(e)))).toEqual(e);
  });

  it('turns anything else into a message with a generic action, never an empty one', () => {
    expect(toCommandError(new Error('socket hang up'))).toEqual({ code: 'failed', message: 'socket hang up', action: expect.stringMatching(/Try again/) });
    expect(toCommandError('boom')).toMatchObject({ code: 'failed', message: 'boom' });
    expect(toCommandError(new Error(''))).toMatchObject({ message: 'The call failed.' });
  });
});
