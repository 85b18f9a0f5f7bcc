/**
 * The all-local promise, always visible in the header, in words the ledger never contradicts: all-local refuses every
 * connection except a model download the user confirmed (a public file request, on its own ledger line).
 */
export function PrivacyBadge({ allLocal }: { allLocal: boolean }) {
  return allLocal ? (
    <p className="privacy-badge local" role="status">
      <span className="dot" aria-hidden="true" />
      <span className="badge-text">
        All-local: <strong>no audio or text leaves this device</strong>
      </span>
    </p>
  ) : (
    <p className="privacy-badge cloud" role="status">
      <span className="dot" aria-hidden="true" />
      <span className="badge-text">
        Cloud lane allowed: <strong>only transcripts may be sent</strong>
      </span>
    </p>
  );
}
