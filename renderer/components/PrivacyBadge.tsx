/** The all-local promise, always visible in the header. */
export function PrivacyBadge({ allLocal }: { allLocal: boolean }) {
  return allLocal ? (
    <p className="privacy-badge local" role="status">
      <span className="dot" aria-hidden="true" />
      All-local: <strong>Nothing leaves this device</strong>
    </p>
  ) : (
    <p className="privacy-badge cloud" role="status">
      <span className="dot" aria-hidden="true" />
      Cloud lane allowed: <strong>only transcripts may be sent</strong>
    </p>
  );
}
