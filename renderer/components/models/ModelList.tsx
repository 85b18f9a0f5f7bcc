import type { ModelEntry } from '../../contract';
import { ModelRow } from './ModelRow';

interface ModelListProps {
  models: readonly ModelEntry[];
  /** Ids to mark "Recommended" (one speech model and the pair's translator, chosen for the user's languages). */
  recommended: ReadonlySet<string>;
  allowInAllLocal: boolean;
}

/** Catalog models with sizes, download progress, and import of a file the user already has. */
export function ModelList({ models, recommended, allowInAllLocal }: ModelListProps) {
  if (models.length === 0) return <p className="muted">No models here.</p>;
  return (
    <ul className="model-list">
      {models.map((m) => (
        <ModelRow key={m.id} model={m} recommended={recommended.has(m.id)} allowInAllLocal={allowInAllLocal} />
      ))}
    </ul>
  );
}

/**
 * The recommended and installed models first; the rest of a long catalog folded under "More …" so the list stays a
 * few Tab stops long.
 */
export function FoldedModelList({ title, models, recommended, allowInAllLocal }: ModelListProps & { title: string }) {
  const shown = models.filter((m) => recommended.has(m.id) || m.installed);
  const more = models.filter((m) => !shown.includes(m));
  return (
    <div className="model-group">
      <h3 className="group-title">{title}</h3>
      {shown.length > 0 && <ModelList models={shown} recommended={recommended} allowInAllLocal={allowInAllLocal} />}
      {more.length > 0 && (
        <details className="more-models">
          <summary>
            More {title.toLowerCase()} ({more.length})
          </summary>
          <ModelList models={more} recommended={recommended} allowInAllLocal={allowInAllLocal} />
        </details>
      )}
    </div>
  );
}
