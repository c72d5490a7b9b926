// ZENOH_CONFIG_OVERRIDE as rmw_zenoh reads it (zenoh_config.cpp): split at every ';' (std::getline,
// so also inside quotes), each piece cut at its first '=' into a key and a JSON5 value handed to
// zenoh's insert_json5. A piece without '=' or with an empty value is skipped silently; a value
// zenoh cannot parse is skipped with a warning in the node's log.
import JSON5 from 'json5';

export interface OverrideEntry {
  /** The piece between semicolons, as rmw_zenoh sees it. */
  readonly raw: string;
  readonly key: string;
  readonly value?: string;
  /** Why rmw_zenoh skips this entry; undefined when it is applied. */
  readonly problem?: string;
}

// Zenoh's config keys are snake_case words joined by '/' (connect/endpoints, scouting/multicast/enabled).
const KEY = /^[A-Za-z0-9_]+(?:\/[A-Za-z0-9_]+)*$/;

export function parseZenohOverride(v: string): OverrideEntry[] {
  const pieces = v.split(';');
  // getline yields no empty piece after a trailing ';'.
  if (pieces.length > 1 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces.map((raw): OverrideEntry => {
    const eq = raw.indexOf('=');
    if (eq < 0)
      return {
        raw,
        key: raw,
        ...(raw.trim() ? { problem: "no '=': rmw_zenoh skips it without a warning (the form is key/path=json5)" } : {}),
      };
    const key = raw.slice(0, eq);
    const value = raw.slice(eq + 1);
    if (!KEY.test(key))
      return {
        raw,
        key,
        value,
        problem: /\s/.test(key)
          ? `the key '${key}' has blanks: rmw_zenoh passes it to zenoh as written, and zenoh knows no such key`
          : `'${key}' is not a key path like connect/endpoints`,
      };
    if (value === '') return { raw, key, value, problem: 'empty value: rmw_zenoh skips it without a warning' };
    try {
      JSON5.parse(value);
      return { raw, key, value };
    } catch {
      const bare = /^\s*[A-Za-z_][\w.-]*\s*$/.test(value);
      return {
        raw,
        key,
        value,
        problem: `'${value}' is not a JSON5 value, so rmw_zenoh logs "Ignore the invalid configuration key-value pair" and skips it${bare ? ` (a string needs quotes: ${key}="${value.trim()}")` : ''}`,
      };
    }
  });
}

/** Whether a ';' sits inside quotes: rmw_zenoh still splits there, cutting the string in two. */
export function semicolonInQuotes(v: string): boolean {
  let quote = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      else if (c === ';') return true;
    } else if (c === '"' || c === "'") quote = c;
  }
  return false;
}
