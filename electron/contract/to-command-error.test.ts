import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionableError, SottoCommandError } from './errors';
import { CALL_FAILED, describeZodError, toCommandError } from './to-command-error';

const ENGINE = { code: 'engine_error', action: 'Restart the engine.' };

describe('toCommandError', () => {
  it('keeps a CommandError: from an object, an ActionableError, or JSON in an Error message (the preload path)', () => {
    const e = { code: 'disk_full', message: 'Not enough space.', action: 'Free 200 MB.' };
    expect(toCommandError(e)).toEqual(e);
    expect(toCommandError(new SottoCommandError(e))).toEqual(e);
    expect(toCommandError(new ActionableError('disk_full', 'Not enough space.', 'Free 200 MB.'))).toEqual(e);
    // contextBridge keeps only an Error's message: the preload sends the CommandError as JSON there.
    expect(toCommandError(new Error(JSON.stringify(e)))).toEqual(e);
  });

  it('reads code and action from any error that carries them (native errors cannot extend ActionableError)', () => {
    const native = Object.assign(new Error('The microphone is busy.'), { code: 'mic_busy', action: 'Close the other app.' });
    expect(toCommandError(native, ENGINE)).toEqual({ code: 'mic_busy', message: 'The microphone is busy.', action: 'Close the other app.' });
    const errno = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    expect(toCommandError(errno, ENGINE)).toEqual({ code: 'ENOENT', message: 'no such file', action: ENGINE.action });
  });

  it('fills what is missing or empty from the fallback, as describeFailure(error, code, action) did', () => {
    expect(toCommandError(new Error('socket hang up'))).toEqual({ code: 'failed', message: 'socket hang up', action: CALL_FAILED.action });
    expect(toCommandError({ code: '', message: 'm', action: '' }, ENGINE)).toEqual({ code: 'engine_error', message: 'm', action: ENGINE.action });
    expect(toCommandError('boom', ENGINE)).toEqual({ code: 'engine_error', message: 'boom', action: ENGINE.action });
    expect(toCommandError(42, ENGINE)).toMatchObject({ message: '42' });
    // Without a fallback message, a failure without one is named by String(), as before.
    expect(toCommandError(new Error(''), ENGINE).message).toBe('Error');
  });

  it('never leaves the window with an empty message', () => {
    expect(toCommandError(new Error(''))).toMatchObject({ message: 'The call failed.' });
    expect(toCommandError('')).toMatchObject({ message: 'The call failed.' });
  });

  it('summarises a zod error instead of passing its JSON on', () => {
    const parsed = z.object({ cloud: z.object({ baseUrl: z.url() }) }).safeParse({ cloud: { baseUrl: 'nope' } });
    expect(parsed.success).toBe(false);
    expect(toCommandError(parsed.error, ENGINE)).toEqual({ code: 'engine_error', message: expect.stringMatching(/^cloud\.baseUrl: /), action: ENGINE.action });
  });

  it('reads braces that are not a CommandError as a plain message', () => {
    expect(toCommandError(new Error('{not json'))).toMatchObject({ code: 'failed', message: '{not json' });
    expect(toCommandError(new Error('{"code":1}'))).toMatchObject({ code: 'failed', message: '{"code":1}' });
  });
});

describe('describeZodError', () => {
  it('names the path of each issue, at most five, and the bare message at the root', () => {
    const many = z.object(Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, z.number()]))).safeParse({});
    expect(describeZodError(many.error!).split('; ')).toHaveLength(5);
    expect(describeZodError(many.error!)).toMatch(/^a: /);
    expect(describeZodError(z.number().safeParse('x').error!)).not.toMatch(/^:/);
  });
});
