import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';

export type FileRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason?: string };

/**
 * Reads a regular file; a FIFO, socket or device is refused with a reason instead of read (a FIFO
 * blocks the reader forever; /dev/zero never ends). Opened with O_NONBLOCK so opening a FIFO with no
 * writer does not block either, then checked with fstat on that same descriptor.
 */
export function readRegularFile(path: string): FileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false };
    // open() of a Unix socket fails (ENXIO): say what it is rather than the errno.
    const st = statOrUndefined(path);
    return { ok: false, reason: st && !st.isFile() ? `not a regular file (${kindOf(st)})` : (code ?? String(e)) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: `not a regular file (${kindOf(st)})` };
    return { ok: true, text: readFileSync(fd, 'utf8') };
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code ?? String(e) };
  } finally {
    closeSync(fd);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isDirectory()) return 'a directory';
  return 'a special file';
}
