// Entry point @vscode/test-electron loads inside a downloaded desktop VS Code: runs the same
// extension-host suites (test/integration/*.host.ts) that the code-server runner runs.
import Mocha from 'mocha';

declare const __HOST_SUITES__: Array<() => void>;

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'host-suites', mocha);
  for (const load of __HOST_SUITES__) load();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} host test(s) failed`)) : resolve()));
  });
}
