import type { CommandError, EngineEvent } from '../contract';
import type { Failure } from './pending-calls';

// What the user is told about each way the dev host's WebSocket can fail, for calls and as events.

const RECONNECT_ACTION = 'Sotto reconnects to the engine by itself; try again in a moment. If it does not come back, restart the dev host (npm run dev:web).';
const TOKEN_ACTION = 'Open the link the dev host printed; it carries the token.';
const URL_ACTION = 'Open the link the dev host printed.';

export const droppedWhileRunning: Failure = (command) => ({ code: 'disconnected', message: `The connection to the Sotto engine dropped while running ${command}.`, action: RECONNECT_ACTION });
export const unreachable: Failure = (command) => ({ code: 'disconnected', message: `Could not reach the Sotto engine to run ${command}.`, action: RECONNECT_ACTION });
export const tokenRefused: Failure = (command) => ({ code: 'unauthorized', message: `The engine refused ${command}: this window's token is wrong or missing.`, action: TOKEN_ACTION });
export const closedWhileRunning: Failure = (command) => ({ code: 'disconnected', message: `The window closed its connection while running ${command}.`, action: 'Reload the window.' });
export const closedBeforeSent: Failure = (command) => ({ code: 'disconnected', message: `The window closed its connection before ${command} was sent.`, action: 'Reload the window.' });

/** A call made after the adapter stopped for good (closed, or its token refused). */
export function notConnected(state: 'closed' | 'unauthorized', command: string): CommandError {
  return {
    code: state === 'closed' ? 'disconnected' : 'unauthorized',
    message: `Not connected to the Sotto engine, so ${command} was not sent.`,
    action: state === 'closed' ? 'Reload the window.' : TOKEN_ACTION,
  };
}

export function badUrl(message: string): { failure: Failure; event: EngineEvent } {
  return {
    failure: () => ({ code: 'bad_url', message, action: URL_ACTION }),
    event: { type: 'error', code: 'bad_url', message, action: URL_ACTION, recoverable: false, caption_id: null },
  };
}

export const unreadableMessage: EngineEvent = {
  type: 'error',
  code: 'bad_message',
  message: 'The engine sent a message the window could not read.',
  action: 'Reload the window. If it keeps happening, restart the dev host.',
  recoverable: true,
  caption_id: null,
};

export function invalidEvent(reason: string): EngineEvent {
  return { type: 'error', code: 'invalid_event', message: `The engine sent an event that breaks the contract: ${reason}.`, action: 'Update Sotto so the window and the engine are the same version.', recoverable: true, caption_id: null };
}
