import * as os from 'node:os';
import { readRegularFile } from '../../core/util/readRegularFile';
import type { HostnameEvidence } from '../../core/env/envPlan';
import { scanStartupFiles, whereLabel, type ShellAssignment, type StartupAssignment, type StartupScan } from '../../core/env/startupFiles';

/**
 * The user's shell start-up files as evidence for the terminal env plan (is ROS_HOSTNAME set
 * there?) and for the status tooltip (which lines contradict the active profile). Read on demand
 * (a profile switch, a saved start-up file), never on a timer.
 */
export class ShellStartup {
  private last: StartupScan | undefined;

  constructor(
    /** The lint engine's shell parser, loaded on the first scan. */
    private readonly parse: () => (text: string) => readonly ShellAssignment[],
    readonly home: string = os.homedir(),
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Forgets the last scan (a start-up file was saved). */
  invalidate(): void {
    this.last = undefined;
  }

  scan(): StartupScan {
    if (!this.last) {
      const assignments = this.parse();
      this.last = scanStartupFiles({
        home: this.home,
        // Regular files only: a start-up file that is (or sources) a FIFO or /dev/zero would block
        // or exhaust the extension host.
        readText: (p) => {
          const r = readRegularFile(p);
          return r.ok ? r.text : undefined;
        },
        assignments,
      });
    }
    return this.last;
  }

  hostnameEvidence(): HostnameEvidence {
    const inherited = this.env.ROS_HOSTNAME;
    const startup = this.scan()
      .assignments.filter((a) => a.name === 'ROS_HOSTNAME' && a.op === 'set' && a.value)
      .map((a) => this.where(a));
    return { ...(inherited ? { inherited } : {}), startup };
  }

  /** Start-up file lines that set a variable the terminals get to another value (last one per name wins). */
  conflicts(terminal: ReadonlyMap<string, string>): StartupAssignment[] {
    const last = new Map<string, StartupAssignment>();
    for (const a of this.scan().assignments) if (terminal.has(a.name)) last.set(a.name, a);
    // A value built from other variables cannot be compared without running the shell.
    return [...last.values()].filter((a) =>
      a.op === 'unset' ? terminal.get(a.name) !== '' : a.value !== undefined && !/[$`]/.test(a.value) && a.value !== terminal.get(a.name),
    );
  }

  where(a: Pick<StartupAssignment, 'file' | 'line'>): string {
    return whereLabel(a, this.home);
  }
}
