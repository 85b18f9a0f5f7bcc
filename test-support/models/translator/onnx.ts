/**
 * Small builders for hand-written ONNX graphs (opset 17, IR 8) with `onnx-proto`, shared by the test model generators,
 * and the encoder and decoder graphs the MarianMT- and NLLB-shaped test translators have in common.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type INodeProto = onnxProto.onnx.INodeProto;
type ITensorProto = onnxProto.onnx.ITensorProto;
type IValueInfoProto = onnxProto.onnx.IValueInfoProto;

export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const INT64 = onnx.TensorProto.DataType.INT64;

export function valueInfo(name: string, elemType: number, dims: (number | string)[]): IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export function floatTensor(name: string, dims: number[], values: Float32Array): ITensorProto {
  return { name, dataType: FLOAT, dims, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) };
}

export function int64Tensor(name: string, dims: number[], values: number[]): ITensorProto {
  const data = new BigInt64Array(values.map((v) => BigInt(v)));
  return { name, dataType: INT64, dims, rawData: new Uint8Array(data.buffer) };
}

export function node(opType: string, inputs: string[], outputs: string[], attribute: INodeProto['attribute'] = []): INodeProto {
  return { opType, input: inputs, output: outputs, name: outputs[0], attribute };
}

export const intAttribute = (name: string, i: number) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });

export function encodeModel(graph: onnxProto.onnx.IGraphProto): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'sotto make-test-translator',
    opsetImport: [{ domain: '', version: 17 }],
    graph,
  }).finish();
}


// ---- the two halves both test translators share ---------------------------------------------------------------

/** Encoder as a lookup: token i's hidden state is row i of `table` ([vocabSize, width]). */
export function lookupEncoder(table: Float32Array, vocabSize: number, width: number): Uint8Array {
  return encodeModel({
    name: 'encoder',
    node: [node('Gather', ['embedding', 'input_ids'], ['last_hidden_state'], [intAttribute('axis', 0)])],
    initializer: [floatTensor('embedding', [vocabSize, width], table)],
    input: [valueInfo('input_ids', INT64, ['batch_size', 'encoder_sequence_length']),
      valueInfo('attention_mask', INT64, ['batch_size', 'encoder_sequence_length'])],
    output: [valueInfo('last_hidden_state', FLOAT, ['batch_size', 'encoder_sequence_length', width])],
  });
}

export const pastKeyValue = (kind: 'key' | 'value') => `past_key_values.0.decoder.${kind}`;
export const presentKeyValue = (kind: 'key' | 'value') => `present.0.decoder.${kind}`;

export interface StepDecoderSpec {
  /** Hidden size: the encoder's row width and the cache's last dimension. */
  width: number;
  vocabSize: number;
  /** [1, 1, 1, width]: each fed token id times this row becomes one new cache row. */
  cacheRow: ITensorProto;
  /** Name given to the encoder row read at this step ([batch, 1, width]); "logits" when nothing follows. */
  rowOutput: string;
  /** Nodes that turn `rowOutput` into "logits", with their initializers. */
  tailNodes?: INodeProto[];
  tailInitializers?: ITensorProto[];
}

/**
 * One decoder layer, one head, that reads the encoder row at its step: present = past ++ (one row per fed token),
 * and since transformers.js feeds only the last token after the first step, the cache length is the step counter.
 * The row index is clamped to the last source position (which holds </s>).
 */
export function stepDecoder(spec: StepDecoderSpec): Uint8Array {
  const { width, vocabSize } = spec;
  const [pastKey, pastValue, presentKey, presentValue] = [pastKeyValue('key'), pastKeyValue('value'), presentKeyValue('key'), presentKeyValue('value')];
  return encodeModel({
    name: 'decoder',
    node: [
      node('Cast', ['input_ids'], ['ids_float'], [intAttribute('to', FLOAT)]),
      node('Unsqueeze', ['ids_float', 'axes_1_3'], ['ids_4d']),
      node('Mul', ['ids_4d', spec.cacheRow.name!], ['new_rows']),
      node('Concat', [pastKey, 'new_rows'], [presentKey], [intAttribute('axis', 2)]),
      node('Concat', [pastValue, 'new_rows'], [presentValue], [intAttribute('axis', 2)]),
      node('Shape', [presentKey], ['present_shape']),
      node('Gather', ['present_shape', 'two'], ['steps'], [intAttribute('axis', 0)]),
      node('Sub', ['steps', 'one'], ['step']),
      node('Shape', ['encoder_hidden_states'], ['encoder_shape']),
      node('Gather', ['encoder_shape', 'one'], ['source_length'], [intAttribute('axis', 0)]),
      node('Sub', ['source_length', 'one'], ['last_position']),
      node('Min', ['step', 'last_position'], ['position']),
      node('Gather', ['encoder_hidden_states', 'position'], ['row'], [intAttribute('axis', 1)]),
      node('Unsqueeze', ['row', 'axes_1'], [spec.rowOutput]),
      ...(spec.tailNodes ?? []),
    ],
    initializer: [
      spec.cacheRow,
      ...(spec.tailInitializers ?? []),
      int64Tensor('axes_1_3', [2], [1, 3]),
      int64Tensor('axes_1', [1], [1]),
      int64Tensor('one', [], [1]),
      int64Tensor('two', [], [2]),
    ],
    input: [
      valueInfo('encoder_attention_mask', INT64, ['batch_size', 'encoder_sequence_length']),
      valueInfo('input_ids', INT64, ['batch_size', 'decoder_sequence_length']),
      valueInfo('encoder_hidden_states', FLOAT, ['batch_size', 'encoder_sequence_length', width]),
      // transformers.js builds the empty cache as [batch, heads, 0, d_model / heads]: the last dim must match.
      valueInfo(pastKey, FLOAT, ['batch_size', 1, 'past_decoder_sequence_length', width]),
      valueInfo(pastValue, FLOAT, ['batch_size', 1, 'past_decoder_sequence_length', width]),
    ],
    output: [
      valueInfo('logits', FLOAT, ['batch_size', 1, vocabSize]),
      valueInfo(presentKey, FLOAT, ['batch_size', 1, 'present_decoder_sequence_length', width]),
      valueInfo(presentValue, FLOAT, ['batch_size', 1, 'present_decoder_sequence_length', width]),
    ],
  });
}
