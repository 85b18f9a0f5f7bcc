// The renderer's one door to the engine↔UI contract (the only thing it may import from outside
// renderer/): every renderer file imports contract types and schemas from here.
export * from '../electron/contract';
