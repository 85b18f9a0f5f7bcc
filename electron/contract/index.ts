export * from './settings';
export * from './events';
export * from './commands';
export * from './api';
export * from './wire';
export * from './ipc';
