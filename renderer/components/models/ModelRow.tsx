import { useContext, useState } from 'react';
import type { ModelDownloadProgress, ModelEntry } from '../../contract';
import { ApiContext, useCall } from '../../api';
import { cleanDescription, modelSize } from '../../catalog';
import { formatBytes, formatTransfer } from '../../format';
import { useView } from '../../store';
import { MessageText } from '../Notices';
import { pickedImportPath } from './picked-path';
import { verificationDetail, verificationLine } from './verification';

const ACTIVE = new Set(['queued', 'downloading', 'verifying']);

function progressText(p: ModelDownloadProgress): string {
  if (p.state !== 'downloading') return p.state;
  return `${formatBytes(p.bytes)}${p.total ? ` of ${formatBytes(p.total)}` : ''} · ${formatTransfer(p.speed_bps, p.eta_s)}`;
}

/** Download progress, or a failure said shortly where it happened (the engine's whole text under Details). */
function Progress({ progress, titleId }: { progress: ModelDownloadProgress; titleId: string }) {
  const failure = useView((s) => s.modelErrors[progress.id]);
  if (progress.state === 'error') {
    return (
      <div className="model-error" role="alert">
        <MessageText message={`Download failed: ${failure?.message ?? progress.message ?? 'download error'}`} action={failure?.action ?? null} />
      </div>
    );
  }
  return (
    <div className="model-progress">
      <progress max={progress.total ?? undefined} value={progress.total ? progress.bytes : undefined} aria-labelledby={titleId} />
      <span className="progress-text" role="status">
        {progressText(progress)}
      </span>
    </div>
  );
}

/** In the app: the system's file picker (the bridge tells the path of the picked file or folder). */
function PickFile({ model, onPath }: { model: ModelEntry; onPath: (path: string) => void }) {
  const api = useContext(ApiContext);
  const folder = model.kind === 'translation';
  const [refused, setRefused] = useState(false);
  const onChange = (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    const path = pickedImportPath(api?.pathForFile?.(file) ?? null, file.webkitRelativePath, folder);
    setRefused(path === null);
    if (path) onPath(path);
  };
  const id = `pick-${model.id}`;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {folder ? `Choose the ${model.name} folder` : `Choose the ${model.name} file`}
      </label>
      {/* webkitdirectory (pick a folder) is not in React's types, hence the spread. */}
      <input id={id} type="file" className="input" onChange={(e) => onChange(e.target.files)} {...(folder ? { webkitdirectory: '' } : {})} />
      {refused && <p className="field-error">Sotto could not tell where that file is. Choose it again, from a folder on this computer.</p>}
    </div>
  );
}

/** Install a file the user already has: the file picker in the app, a path field in a browser (dev host, tests). */
export function ImportField({ model, onDone }: { model: ModelEntry; onDone: () => void }) {
  const call = useCall();
  const api = useContext(ApiContext);
  const [path, setPath] = useState('');
  const importFrom = async (from: string) => {
    if (await call('models.import', { id: model.id, path: from.trim() })) onDone();
  };
  if (api?.pathForFile) return <PickFile model={model} onPath={(picked) => void importFrom(picked)} />;
  return (
    <div className="row import-row">
      <label htmlFor={`import-${model.id}`} className="visually-hidden">
        Path of the {model.name} file on this computer
      </label>
      <input id={`import-${model.id}`} className="input" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/Downloads/ggml-base.bin" />
      <button type="button" className="button" onClick={() => void importFrom(path)} disabled={!path.trim()}>
        Import
      </button>
    </div>
  );
}

function RowActions({ model, allowInAllLocal, active, importOpen, toggleImport }: { model: ModelEntry; allowInAllLocal: boolean; active: boolean; importOpen: boolean; toggleImport: () => void }) {
  const call = useCall();
  const allLocal = useView((s) => s.settings?.allLocal ?? true);
  const blocked = allLocal && !allowInAllLocal;
  // A damaged model is offered for download again (the engine fetches the version it was installed from).
  if (model.installed && !model.damaged) {
    return (
      <button type="button" className="button ghost" onClick={() => void call('models.delete', { id: model.id })}>
        Remove
      </button>
    );
  }
  if (active) {
    return (
      <button type="button" className="button ghost" onClick={() => void call('models.cancel', { id: model.id })}>
        Cancel
      </button>
    );
  }
  return (
    <>
      <button type="button" className="button primary" disabled={blocked} title={blocked ? 'All-local mode is on: allow model downloads first.' : undefined} onClick={() => void call('models.download', { id: model.id, allowInAllLocal })}>
        Download
      </button>
      <button type="button" className="button ghost" aria-expanded={importOpen} onClick={toggleImport}>
        Import a model file
      </button>
    </>
  );
}

/** One catalog model: name, what it is, its size (once), progress or failure, and what can be done with it. */
export function ModelRow({ model, recommended, allowInAllLocal }: { model: ModelEntry; recommended: boolean; allowInAllLocal: boolean }) {
  const progress = useView((s) => s.modelProgress[model.id]);
  const [importOpen, setImportOpen] = useState(false);
  const active = progress !== undefined && ACTIVE.has(progress.state);
  const titleId = `model-${model.id}-title`;
  const checked = verificationLine(model);
  return (
    <li className="model-row" aria-labelledby={titleId} data-model-id={model.id}>
      <div className="model-info">
        <p id={titleId} className="model-name">
          {model.name}
          {recommended && <span className="tag">Recommended</span>}
          {model.installed && <span className="tag good">Installed</span>}
        </p>
        <p className="model-desc">
          {cleanDescription(model.description)} <span className="model-size">· {modelSize(model)}</span>
        </p>
        {checked && (
          <p className={checked.damaged ? 'model-check model-error' : 'model-check muted'} title={verificationDetail(model)}>
            {checked.text}
          </p>
        )}
        {progress && (progress.state !== 'done' || !model.installed) && <Progress progress={progress} titleId={titleId} />}
        {importOpen && (!model.installed || model.damaged) && <ImportField model={model} onDone={() => setImportOpen(false)} />}
      </div>
      <div className="model-actions">
        <RowActions model={model} allowInAllLocal={allowInAllLocal} active={active} importOpen={importOpen} toggleImport={() => setImportOpen((o) => !o)} />
      </div>
    </li>
  );
}
