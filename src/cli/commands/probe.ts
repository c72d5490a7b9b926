import { probeMaster } from '../../core/probe/masterProbe';
import { UsageError, type CliCommand } from '../cliTypes';

export const probeCommand: CliCommand = {
  name: 'probe',
  usage: 'rosnet probe <master-uri> [--json] [--timeout ms]',
  summary: 'Ask a ROS master for its state (exit 0 reachable, 1 not, 2 usage error).',
  async run(args, io) {
    let json = false;
    let timeoutMs = 2000;
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--json') json = true;
      else if (a === '--timeout') {
        const v = Number(args[++i]);
        if (!Number.isFinite(v) || v <= 0) throw new UsageError('--timeout needs a positive number of milliseconds');
        timeoutMs = v;
      } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
      else rest.push(a);
    }
    const uri = rest[0] ?? io.env.ROS_MASTER_URI;
    if (!uri || rest.length > 1) throw new UsageError('give one master URI (or set ROS_MASTER_URI)');
    const r = await probeMaster(uri, { timeoutMs });
    if (json) {
      io.out(JSON.stringify(r, null, 2) + '\n');
    } else if (r.ok) {
      io.out(
        `${uri}: reachable in ${r.roundTripMs.toFixed(1)} ms — ${r.counts.nodes} nodes, ${r.counts.topics} topics, ${r.counts.services} services\n`,
      );
      for (const n of r.nodes) io.out(`  ${n}\n`);
    } else {
      io.out(`${uri}: ${r.kind}: ${r.message}\n  ${r.hint}\n`);
    }
    return r.ok ? 0 : 1;
  },
};
