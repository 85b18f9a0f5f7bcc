import { describe, expect, it } from 'vitest';
import { readClientMessage } from './ws-client';

const frame = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('readClientMessage', () => {
  it('reads a hello and an invoke', () => {
    expect(readClientMessage(frame({ kind: 'hello', token: 't' }), false)).toEqual({ ok: true, message: { kind: 'hello', token: 't' } });
    expect(readClientMessage(frame({ kind: 'invoke', id: 1, command: 'status.get', request: {} }), false)).toMatchObject({ ok: true, message: { kind: 'invoke', id: 1 } });
  });

  it('says what is wrong with anything else: binary, not JSON, or not a client message', () => {
    expect(readClientMessage(frame({ kind: 'hello' }), true)).toEqual({ ok: false, problem: 'not JSON text' });
    expect(readClientMessage(frame('{not json'), false)).toEqual({ ok: false, problem: 'not JSON text' });
    const wrong = readClientMessage(frame({ kind: 'invoke', id: -2, command: 'x' }), false);
    expect(wrong).toMatchObject({ ok: false, problem: expect.stringContaining('id') });
  });
});
