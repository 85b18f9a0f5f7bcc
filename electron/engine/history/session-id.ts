import { randomBytes } from 'node:crypto';

const two = (n: number): string => String(n).padStart(2, '0');

/** "20250301-141502-k3f9": sorts by start time (local clock), unique by its random tail. */
export function newSessionId(at: number, random: () => string = () => randomBytes(3).readUIntBE(0, 3).toString(36).padStart(4, '0').slice(-4)): string {
  const d = new Date(at);
  const date = `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}`;
  const time = `${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
  return `${date}-${time}-${random()}`;
}
