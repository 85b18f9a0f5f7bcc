import { describe, expect, it } from 'vitest';
import { ActionableError, SottoCommandError } from './errors';

class DiskError extends ActionableError<'disk_full'> {}

describe('ActionableError', () => {
  it('carries code, message, action and cause, and serialises to the contract CommandError', () => {
    const cause = new Error('ENOSPC');
    const e = new DiskError('disk_full', 'Not enough space.', 'Free 200 MB.', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DiskError');
    expect(e.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ code: 'disk_full', message: 'Not enough space.', action: 'Free 200 MB.' });
  });
});

describe('SottoCommandError', () => {
  it('is the ActionableError a client rejects with, named for the UI', () => {
    const e = new SottoCommandError({ code: 'unauthorized', message: 'Wrong token.', action: 'Open the link.' });
    expect(e).toBeInstanceOf(ActionableError);
    expect(e.name).toBe('SottoCommandError');
    expect(e.toJSON()).toEqual({ code: 'unauthorized', message: 'Wrong token.', action: 'Open the link.' });
  });
});
