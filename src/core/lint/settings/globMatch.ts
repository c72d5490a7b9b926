/**
 * A small glob matcher for `rosNetwork.lint.exclude` (the subset VS Code's glob settings use:
 * `**`, `*`, `?`, `{a,b}`, `[abc]`). Paths use `/`.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${glob
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** True when `glob` matches the absolute path or the path relative to its workspace folder. */
export function matchesAnyGlob(globs: readonly string[], absolutePath: string, relativePath?: string): boolean {
  const abs = absolutePath.replace(/\\/g, '/');
  const rel = relativePath?.replace(/\\/g, '/');
  return globs.some((g) => {
    const re = globToRegExp(g.replace(/\\/g, '/'));
    return re.test(abs) || (rel !== undefined && re.test(rel));
  });
}
