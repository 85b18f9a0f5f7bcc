/**
 * Small builders for hand-written ONNX graphs (opset 17, IR 8) with `onnx-proto`, shared by the test model generators.
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

