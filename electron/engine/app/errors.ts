import { ActionableError } from '../../contract';

/** A failure of the engine app itself (no model, no permission, …). */
export class EngineFailure extends ActionableError {}
