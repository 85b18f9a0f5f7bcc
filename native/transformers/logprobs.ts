/**
 * Per-token log-probabilities from greedy generate(), which returns only token ids (v4 returns no scores).
 * A logits processor, last in the list so it sees the final distribution, keeps each step's log-softmax; a stopping
 * criterion, called right after a token is chosen, adds up the chosen token's value and stops when the caller aborts.
 */
import type { LogitsProcessorList, StoppingCriteria, Tensor } from '@huggingface/transformers';
import type { TransformersModule } from './runtime';

export interface LogprobRecorder {
  /** generate()'s logits_processor. */
  readonly processors: LogitsProcessorList;
  /** generate()'s stopping_criteria. */
  readonly stoppingCriteria: StoppingCriteria[];
  /** Sum of the counted tokens' log-probabilities so far. */
  readonly sum: number;
  readonly count: number;
}

/** The subclasses need the loaded module's base classes, so they are defined once it is loaded. */
function defineRecorderClasses(tf: TransformersModule) {
  /** Keeps the log-softmax of the last step's logits (batch of one). */
  class StepLogprobs extends tf.LogitsProcessor {
    last: Float32Array | null = null;
    override _call(_inputIds: bigint[][], logits: Tensor): Tensor {
      this.last = tf.log_softmax(logits.data as Float32Array);
      return logits;
    }
  }

  class LogprobAccumulator extends tf.StoppingCriteria {
    sum = 0;
    count = 0;
    private step = 0;
    constructor(
      private readonly steps: StepLogprobs,
      private readonly skipFirst: boolean,
      private readonly signal: AbortSignal | undefined,
    ) {
      super();
    }
    override _call(inputIds: number[][]): boolean[] {
      const chosen = Number(inputIds[0]?.at(-1));
      if (!(this.skipFirst && this.step === 0) && this.steps.last) {
        this.sum += this.steps.last[chosen] ?? Number.NEGATIVE_INFINITY;
        this.count += 1;
      }
      this.step += 1;
      return inputIds.map(() => this.signal?.aborted ?? false);
    }
  }
  return { StepLogprobs, LogprobAccumulator };
}

let classes: ReturnType<typeof defineRecorderClasses> | undefined;

/** skipFirst: the first token is forced (a target-language token), not the model's choice, so it is not counted. */
export function createLogprobRecorder(tf: TransformersModule, options: { skipFirst: boolean; signal?: AbortSignal }): LogprobRecorder {
  classes ??= defineRecorderClasses(tf);
  const steps = new classes.StepLogprobs();
  const accumulator = new classes.LogprobAccumulator(steps, options.skipFirst, options.signal);
  const processors = new tf.LogitsProcessorList();
  processors.push(steps);
  return {
    processors,
    stoppingCriteria: [accumulator],
    get sum() {
      return accumulator.sum;
    },
    get count() {
      return accumulator.count;
    },
  };
}
