/** GUIDs as shown to users: four 8-digit hex words, "0110a2b3:c4d5e6f7:08192a3b:000001c1" (Cyclone's layout). */
export function formatGuid(hex32: string): string {
  return `${hex32.slice(0, 8)}:${hex32.slice(8, 16)}:${hex32.slice(16, 24)}:${hex32.slice(24, 32)}`;
}

/** "0110a2b3:c4d5e6f7:08192a3b:000001c1" or 32 hex digits → 32 hex digits; undefined otherwise. */
export function parseGuid(s: string): string | undefined {
  const h = s.replace(/[:.]/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(h) ? h : undefined;
}
