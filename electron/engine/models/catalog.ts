import { ActionableError } from '../../contract';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ModelKind } from '../../contract';

/**
 * resources/models.json: every model the app can download, file by file, with the size and
 * checksums the publisher lists. A checksum is never guessed: when none could be found the
 * entry says why, and the manager then checks the file against the download server's own
 * metadata (Hugging Face's LFS SHA-256 or git blob SHA-1), or the size only, and tells the user.
 */

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `${length} lowercase hex digits`);

export const Checksum = z.discriminatedUnion('algorithm', [
  z.object({ algorithm: z.literal('sha256'), value: hex(64), source: z.string().min(1) }),
  z.object({ algorithm: z.literal('sha1'), value: hex(40), source: z.string().min(1) }),
]);
export type Checksum = z.infer<typeof Checksum>;
export type ChecksumAlgorithm = Checksum['algorithm'];

/** A relative path inside the model's folder: no absolute paths, no "..", forward slashes. */
const RelativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').some((s) => s === '..' || s === '.' || s === ''), {
    message: 'a relative path with forward slashes and no "." or ".." segments',
  });

export const CatalogFile = z
  .object({
    path: RelativePath,
    url: z.url({ protocol: /^https?$/ }),
    /** Bytes, from the publisher's listing; null when not found (then Content-Length is used and the user is told). */
    size: z.number().int().positive().nullable(),
    sizeSource: z.string().min(1).nullable().default(null),
    checksums: z.array(Checksum),
    /** Why there is no checksum; required exactly when checksums is empty. */
    checksumMissing: z.string().min(1).nullable().default(null),
  })
  .refine((f) => f.checksums.length > 0 || f.checksumMissing !== null, {
    message: 'a file without checksums must say why (checksumMissing)',
  })
  .refine((f) => f.size === null || f.sizeSource !== null, { message: 'a size must name its source (sizeSource)' });
export type CatalogFile = z.infer<typeof CatalogFile>;

export const CatalogModel = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-"'),
    kind: ModelKind,
    name: z.string().min(1),
    description: z.string(),
    /** ISO codes; for a translation model the first is the source and the rest the targets, or all for multilingual. */
    languages: z.array(z.string()),
    recommended: z.boolean().default(false),
    /** 'file': one file (a ggml model); 'folder': a folder of files installed all together or not at all. */
    layout: z.enum(['file', 'folder']),
    homepage: z.url(),
    license: z.string().min(1),
    files: z.array(CatalogFile).min(1),
  })
  .refine((m) => m.layout === 'folder' || m.files.length === 1, { message: 'a file model has exactly one file' })
  .refine((m) => new Set(m.files.map((f) => f.path)).size === m.files.length, { message: 'file paths must be unique' });
export type CatalogModel = z.infer<typeof CatalogModel>;

export const Catalog = z
  .object({
    version: z.literal(1),
    note: z.string().optional(),
    models: z.array(CatalogModel),
  })
  .refine((c) => new Set(c.models.map((m) => m.id)).size === c.models.length, { message: 'model ids must be unique' });
export type Catalog = z.infer<typeof Catalog>;

export class CatalogError extends ActionableError<'models.catalog_invalid'> {
  constructor(message: string, action: string) {
    super('models.catalog_invalid', message, action);
  }
}

/** Parses a catalog, turning zod issues into one readable error. */
export function parseCatalog(json: unknown, where = 'models.json'): Catalog {
  const result = Catalog.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new CatalogError(`The model catalog ${where} is invalid: ${issues.join('; ')}`, 'Reinstall Sotto; the catalog ships with the app.');
  }
  return result.data;
}

export async function loadCatalog(file: string): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CatalogError(`Cannot read the model catalog ${file}: ${(error as Error).message}`, 'Reinstall Sotto; the catalog ships with the app.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CatalogError(`The model catalog ${file} is not JSON: ${(error as Error).message}`, 'Reinstall Sotto; the catalog ships with the app.');
  }
  return parseCatalog(json, file);
}

/** Total bytes of a model as listed; files of unknown size count as 0. */
export const listedSize = (model: CatalogModel): number => model.files.reduce((sum, f) => sum + (f.size ?? 0), 0);

/**
 * A mirror replaces the publisher's origin and keeps the path, so one mirror serves every model:
 * https://huggingface.co/ggerganov/whisper.cpp/resolve/x/ggml-base.bin with mirror http://proxy.lan/hf/
 * becomes http://proxy.lan/hf/ggerganov/whisper.cpp/resolve/x/ggml-base.bin. Empty mirror = the publisher's URL.
 */
export function mirrorUrl(publisherUrl: string, mirror: string): string {
  if (mirror === '') return publisherUrl;
  const source = new URL(publisherUrl);
  const base = new URL(mirror);
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return `${base.origin}${basePath}${source.pathname.replace(/^\//, '')}${source.search}`;
}

/**
 * Hosts a download of this catalog contacts first: the publisher's origins, or the mirror.
 * Hugging Face then redirects each file to geo-routed storage hosts that change over time
 * (cdn-lfs*.hf.co, *.aws.cdn.hf.co, cas-bridge.xethub.hf.co, …; huggingface/hub-docs #2628, #2727):
 * an allow-list must accept MODEL_REDIRECT_HOST_SUFFIXES too, not a fixed list of names.
 */
export function downloadHosts(catalog: Catalog, mirror: string): string[] {
  return [...new Set(catalog.models.flatMap((m) => m.files.map((f) => new URL(mirrorUrl(f.url, mirror)).host)))].sort();
}
export const MODEL_REDIRECT_HOST_SUFFIXES = ['.hf.co', '.huggingface.co'] as const;
