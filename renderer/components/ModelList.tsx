import { useState } from 'react';
import type { ModelEntry } from '../contract';
import { useCall } from '../api';
import { formatBytes, formatTransfer } from '../format';
import { useView } from '../store';

const ACTIVE = new Set(['queued', 'downloading', 'verifying']);

function ModelRow({ model, allowInAllLocal }: { model: ModelEntry; allowInAllLocal: boolean }) {
  const call = useCall();
  const progress = useView((s) => s.modelProgress[model.id]);
  const allLocal = useView((s) => s.settings?.allLocal ?? true);
  const [importOpen, setImportOpen] = useState(false);
  const [path, setPath] = useState('');
  const active = progress && ACTIVE.has(progress.state);
  const blocked = allLocal && !allowInAllLocal;
  const titleId = `model-${model.id}-title`;

  const doImport = async () => {
    // The response's model list goes into the store in useCall.
    if (await call('models.import', { id: model.id, path: path.trim() })) {
      setImportOpen(false);
      setPath('');
    }
  };

  return (
    <li className="model-row" aria-labelledby={titleId} data-model-id={model.id}>
      <div className="model-info">
        <p id={titleId} className="model-name">
          {model.name}
          {model.recommended && <span className="tag">Recommended</span>}
          {model.installed && <span className="tag good">Installed</span>}
        </p>
        <p className="model-desc">
          {model.description} <span className="muted">· {formatBytes(model.size)}</span>
        </p>
        {progress && (progress.state !== 'done' || !model.installed) && (
          <div className="model-progress">
            <progress max={progress.total ?? undefined} value={progress.total ? progress.bytes : undefined} aria-labelledby={titleId} />
            <span className="progress-text" role="status">
              {progress.state === 'downloading'
                ? `${formatBytes(progress.bytes)}${progress.total ? ` of ${formatBytes(progress.total)}` : ''} · ${formatTransfer(progress.speed_bps, progress.eta_s)}`
                : progress.state === 'error'
                  ? `Failed: ${progress.message ?? 'download error'}`
                  : progress.state}
            </span>
          </div>
        )}
        {importOpen && (
          <div className="row import-row">
            <label htmlFor={`import-${model.id}`} className="visually-hidden">
              Path of the {model.name} file on this computer
            </label>
            <input id={`import-${model.id}`} className="input" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/Downloads/ggml-base.bin" />
            <button type="button" className="button" onClick={doImport} disabled={!path.trim()}>
              Import
            </button>
          </div>
        )}
      </div>
      <div className="model-actions">
        {!model.installed &&
          (active ? (
            <button type="button" className="button ghost" onClick={() => void call('models.cancel', { id: model.id })}>
              Cancel
            </button>
          ) : (
            <button type="button" className="button primary" disabled={blocked} title={blocked ? 'All-local mode is on: allow model downloads first.' : undefined} onClick={() => void call('models.download', { id: model.id, allowInAllLocal })}>
              Download
            </button>
          ))}
        {model.installed && (
          <button type="button" className="button ghost" onClick={() => void call('models.delete', { id: model.id })}>
            Remove
          </button>
        )}
        {!model.installed && !active && (
          <button type="button" className="button ghost" aria-expanded={importOpen} onClick={() => setImportOpen((o) => !o)}>
            I have the file
          </button>
        )}
      </div>
    </li>
  );
}

/** Catalog models with sizes, download progress, and import of a file the user already has. */
export function ModelList({ models, allowInAllLocal }: { models: ModelEntry[]; allowInAllLocal: boolean }) {
  if (models.length === 0) return <p className="muted">No models in the catalog.</p>;
  return (
    <ul className="model-list">
      {models.map((m) => (
        <ModelRow key={m.id} model={m} allowInAllLocal={allowInAllLocal} />
      ))}
    </ul>
  );
}
