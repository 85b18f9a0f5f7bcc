/**
 * Facade over @picovoice/pvrecorder-node (the only place that loads its .node file).
 *
 * pvrecorder's read() is "async" only in name: it runs the native read inside a setTimeout, and the native
 * read blocks until a whole frame has been captured (~32 ms, up to a 1 s timeout). On the main thread that
 * would stall the event loop for most of every second, so the recorder lives in a worker thread that
 * blocks on reads and posts frames back. A shared flag stops it between two reads.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const requireHere = createRequire(import.meta.url);

interface PvRecorderStatic {
  getAvailableDevices(): string[];
}

/** pvrecorder status classes, by the name of the error class it throws. */
export type MicrophoneFailure = 'invalid-argument' | 'io' | 'backend' | 'not-initialized' | 'unknown';

/** Raised by the native layer; the engine turns it into a user-facing MicrophoneError. */
export class MicrophoneNativeError extends Error {
  override readonly name = 'MicrophoneNativeError';
  constructor(
    readonly failure: MicrophoneFailure,
    readonly phase: 'list' | 'open' | 'read',
    message: string,
  ) {
    super(message);
  }
}

function failureOf(errorClass: string): MicrophoneFailure {
  if (errorClass.includes('InvalidArgument')) return 'invalid-argument';
  if (errorClass.includes('IOError')) return 'io';
  if (errorClass.includes('Backend')) return 'backend';
  if (errorClass.includes('NotInitialized')) return 'not-initialized';
  return 'unknown';
}

/** Resolved here, passed to the worker: the worker then needs no module resolution of its own. */
function pvRecorderModulePath(): string {
  return requireHere.resolve('@picovoice/pvrecorder-node');
}

/** Names of the capture devices, in pvrecorder's index order. */
export function listMicrophones(): string[] {
  try {
    const { PvRecorder } = requireHere(pvRecorderModulePath()) as { PvRecorder: PvRecorderStatic };
    return PvRecorder.getAvailableDevices();
  } catch (error) {
    const e = error as Error;
    throw new MicrophoneNativeError(failureOf(e.constructor.name), 'list', `Could not list audio input devices: ${e.message}`);
  }
}

export interface MicrophoneOptions {
  /** pvrecorder device index; -1 = the system default. */
  deviceIndex: number;
  /** Samples per frame at 16 kHz. Default 512. */
  frameLength?: number;
  /** Frames pvrecorder buffers before it drops audio. Default 50 (1.6 s). */
  bufferedFrames?: number;
  /**
   * Consecutive failed reads before the stream is declared broken (each may wait ~1 s). The first read
   * after start often times out while the audio server sets up the stream, so this must be above 1. Default 3.
   */
  maxConsecutiveReadErrors?: number;
}

export interface MicrophoneHandlers {
  onFrame(pcm: Int16Array): void;
  /** The stream broke (device unplugged, server gone); the recorder is already released. */
  onError(error: MicrophoneNativeError): void;
}

export interface MicrophoneStream {
  readonly deviceName: string;
  readonly sampleRate: number;
  /** Stops capture and releases the device. Idempotent; resolves once the device is released. */
  stop(): Promise<void>;
}

type WorkerMessage =
  | { type: 'started'; device: string; sampleRate: number }
  | { type: 'frame'; pcm: Int16Array }
  | { type: 'error'; phase: 'open' | 'read'; errorClass: string; message: string }
  | { type: 'stopped' };

/** Plain CommonJS, evaluated in the worker: no TypeScript loader or bundler has to know about a worker file. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PvRecorder } = require(workerData.modulePath);
const stopFlag = new Int32Array(workerData.stopFlag);
const fail = (phase, e) => parentPort.postMessage({ type: 'error', phase, errorClass: e.constructor.name, message: e.message });
let recorder;
try {
  recorder = new PvRecorder(workerData.frameLength, workerData.deviceIndex, workerData.bufferedFrames);
  recorder.start();
  parentPort.postMessage({ type: 'started', device: recorder.getSelectedDevice(), sampleRate: recorder.sampleRate });
} catch (e) {
  fail('open', e);
  if (recorder) recorder.release();
  recorder = undefined;
}
if (recorder) {
  let errors = 0;
  while (Atomics.load(stopFlag, 0) === 0) {
    try {
      const pcm = recorder.readSync();
      errors = 0;
      parentPort.postMessage({ type: 'frame', pcm }, [pcm.buffer]);
    } catch (e) {
      if (++errors >= workerData.maxErrors) { fail('read', e); break; }
    }
  }
  try { recorder.stop(); } catch {}
  recorder.release();
}
parentPort.postMessage({ type: 'stopped' });
`;

/** Opens the device and starts capturing; resolves once audio is flowing, rejects if the device cannot open. */
export function openMicrophone(options: MicrophoneOptions, handlers: MicrophoneHandlers): Promise<MicrophoneStream> {
  const stopFlag = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      modulePath: pvRecorderModulePath(),
      stopFlag,
      deviceIndex: options.deviceIndex,
      frameLength: options.frameLength ?? 512,
      bufferedFrames: options.bufferedFrames ?? 50,
      maxErrors: options.maxConsecutiveReadErrors ?? 3,
    },
  });

  let started = false;
  let finished = false;
  let resolveExit!: () => void;
  const exited = new Promise<void>((resolve) => (resolveExit = resolve));
  worker.once('exit', () => resolveExit());

  const stop = async (): Promise<void> => {
    Atomics.store(new Int32Array(stopFlag), 0, 1);
    await exited;
  };

  return new Promise<MicrophoneStream>((resolve, reject) => {
    const settleError = (error: MicrophoneNativeError): void => {
      if (finished) return;
      finished = true;
      if (started) handlers.onError(error);
      else reject(error);
    };
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'started':
          started = true;
          resolve({ deviceName: message.device, sampleRate: message.sampleRate, stop });
          return;
        case 'frame':
          if (!finished) handlers.onFrame(message.pcm);
          return;
        case 'error':
          settleError(new MicrophoneNativeError(failureOf(message.errorClass), message.phase, message.message));
          return;
        case 'stopped':
          finished = true;
      }
    });
    // A crash inside the worker (not a pvrecorder status) must still reach the caller, never the process.
    worker.on('error', (error) => settleError(new MicrophoneNativeError('unknown', started ? 'read' : 'open', error.message)));
    worker.once('exit', (code) => {
      if (!finished) settleError(new MicrophoneNativeError('unknown', started ? 'read' : 'open', `microphone worker exited with code ${code}`));
    });
  });
}
