import { safeJson, sanitizeForTerminal } from '../../core/text/sanitize';
import { probeMaster } from '../../core/probe/masterProbe';
import { UsageError, type CliCommand } from '../cliTypes';
import { parseCliArgs, positiveMs } from '../cliOptions';
import { countsText } from '../../core/text/graphCounts';

export const probeCommand: CliCommand = {
  name: 'probe',
  usage: 'rosnet probe <master-uri> [--json] [--timeout ms]',
  summary: 'Ask a ROS master for its state (exit 0 reachable, 1 not, 2 usage error).',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { json: { type: 'boolean' }, timeout: { type: 'string' } });
    const timeoutMs = positiveMs('--timeout', values.timeout, 2000, io.err);
    const uri = positionals[0] ?? io.env.ROS_MASTER_URI;
    if (!uri || positionals.length > 1) throw new UsageError('give one master URI (or set ROS_MASTER_URI)');
    const r = await probeMaster(uri, { timeoutMs });
    if (values.json) {
      io.out(safeJson(r, 2) + '\n');
    } else if (r.ok) {
      // Everything but our own numbers comes from the argument or the master: filtered before the terminal.
      const t = sanitizeForTerminal;
      io.out(`${t(uri)}: reachable in ${r.roundTripMs.toFixed(1)} ms — ${countsText(r.counts)}\n`);
      for (const n of r.nodes) io.out(`  ${t(n)}\n`);
    } else {
      const t = sanitizeForTerminal;
      io.out(`${t(uri)}: ${r.kind}: ${t(r.message)}\n  ${t(r.hint)}\n`);
    }
    return r.ok ? 0 : 1;
  },
};
