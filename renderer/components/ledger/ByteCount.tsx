import { formatBytes, formatExactBytes } from '../../format';

/** A byte count as a person reads it, with the exact figure on hover and for screen readers. */
export function ByteCount({ value }: { value: number }) {
  return (
    <span className="bytes" title={formatExactBytes(value)}>
      {formatBytes(value)}
      <span className="visually-hidden"> ({formatExactBytes(value)})</span>
    </span>
  );
}
