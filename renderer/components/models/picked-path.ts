/**
 * The path to import from a file the user picked in the app: the file itself, or for a folder model (a picker with
 * `webkitdirectory` gives the files inside) the chosen folder, which is the file's path without its path inside it.
 */
export function pickedImportPath(filePath: string | null, relativePath: string, folder: boolean): string | null {
  if (!filePath) return null;
  if (!folder) return filePath;
  const inside = relativePath.split('/').slice(1).join('/'); // "opus-mt-en-de/onnx/encoder.onnx" → "onnx/encoder.onnx"
  if (!inside) return null;
  const tail = inside.replaceAll('/', filePath.includes('\\') ? '\\' : '/');
  if (!filePath.endsWith(tail)) return null;
  return filePath.slice(0, filePath.length - tail.length).replace(/[\\/]$/, '');
}
