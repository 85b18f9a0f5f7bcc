export * from './egress';
export * from './errors';
export * from './audit';
