/**
 * A one-argument function with its recent answers kept (up to `max`, then forgotten all at once):
 * for pure functions that files call again and again with a few values (a master URI per service
 * or node, an image per service). Answers are shared, so they must be treated as read-only.
 */
export function memoized<K, R>(fn: (key: K) => R, max = 256): (key: K) => R {
  const recent = new Map<K, R>();
  return (key) => {
    if (recent.has(key)) return recent.get(key)!;
    const r = fn(key);
    if (recent.size >= max) recent.clear();
    recent.set(key, r);
    return r;
  };
}
