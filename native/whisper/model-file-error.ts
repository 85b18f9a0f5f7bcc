/** Why a model file was refused before whisper.cpp saw it. */
export type ModelFileProblem =
  | 'not_found' // missing, or not a regular file (a folder, a FIFO, a device)
  | 'bad_format' // not a whisper ggml file, or inconsistent inside
  | 'truncated' // incomplete file
  | 'unsupported' // a ggml file whisper.cpp cannot run safely: unknown ftype or model family
  | 'too_large'; // whisper.cpp would allocate more memory than this machine allows

export class ModelFileError extends Error {
  constructor(
    readonly problem: ModelFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ModelFileError';
  }
}
