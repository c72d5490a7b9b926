// Inside the extension host, activated at startup ('*', before ROS Network's onStartupFinished):
// heap before and after activating ROS Network, then after driving status polls of a real master
// through its API, then over an idle stretch of the same host (the control). Writes JSON to $ROSNET_BENCH_OUT. Inert without that variable.
// With $ROSNET_BENCH_KEYSTROKES (a folder) it only records edits and diagnostics (keystrokeProbe.ts).
import * as vscode from 'vscode';
import { recordKeystrokes } from './keystrokeProbe';
import { writeFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { join } from 'node:path';

interface Api {
  setActiveProfile(name: string | undefined): Promise<void>;
  masterState(): { kind: string };
  refreshStatus(): void;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const keystrokes = process.env.ROSNET_BENCH_KEYSTROKES;
  if (keystrokes) {
    context.subscriptions.push(recordKeystrokes(keystrokes, (process.env.ROSNET_BENCH_FILES ?? '').split(',')));
    return;
  }
  const out = process.env.ROSNET_BENCH_OUT;
  if (!out) return;
  const res: Record<string, unknown> = {};
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const ext = vscode.extensions.getExtension<Api>('ros-network.ros-network');
    if (!ext) throw new Error('ros-network.ros-network is not installed');
    res.wasActive = ext.isActive;
    res.heapBefore = heap();
    const t0 = performance.now();
    const api = await ext.activate();
    res.activateCallMs = performance.now() - t0;
    res.heapAfterActivation = heap();
    await api.setActiveProfile('bench');
    const end = Date.now() + 20_000;
    while (api.masterState().kind !== 'reachable') {
      if (Date.now() > end) throw new Error(`master not reachable: ${JSON.stringify(api.masterState())}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    res.heapReachable = heap();
    // Heap snapshots to diff (what accumulates over the polls), when asked for.
    const snapshots = process.env.ROSNET_BENCH_SNAPSHOTS;
    if (snapshots) v8.writeHeapSnapshot(join(snapshots, 'reachable.heapsnapshot'));
    const polls = Number(process.env.ROSNET_BENCH_POLLS ?? 1000);
    // The first polls compile the poll path (JIT code and feedback, ~1.5 MB in a heap-snapshot diff)
    // while VS Code is still activating other extensions (each a vscode API object of ~2,000
    // getters): that settles; what must not grow is the heap over the polls after it.
    const warmup = Number(process.env.ROSNET_BENCH_WARMUP ?? 0);
    const samples: Array<{ polls: number; heap: number }> = [];
    const poll = async () => {
      const s = api.masterState();
      api.refreshStatus();
      while (api.masterState() === s) await new Promise((r) => setTimeout(r, 1));
    };
    for (let i = 1; i <= warmup; i++) await poll();
    if (warmup) {
      await new Promise((r) => setTimeout(r, 3000));
      res.heapWarm = heap();
      if (snapshots) v8.writeHeapSnapshot(join(snapshots, 'warm.heapsnapshot'));
    }
    const t1 = performance.now();
    const every = Math.max(1, Math.floor(polls / 12));
    for (let i = 1; i <= polls; i++) {
      await poll();
      if (i % every === 0) samples.push({ polls: i, heap: heap() });
    }
    res.pollsMs = performance.now() - t1;
    // The control: the same host left alone (ROS Network's own timer still polling every 3 s) for
    // as long as the last two thirds of the polls took, sampled as often: the host's own drift.
    const idle: Array<{ ms: number; heap: number }> = [];
    const idleMs = ((res.pollsMs as number) * 2) / 3;
    const t2 = performance.now();
    for (let k = 1; k <= 8; k++) {
      await new Promise((r) => setTimeout(r, idleMs / 8));
      idle.push({ ms: performance.now() - t2, heap: heap() });
    }
    res.heapIdle = idle;
    if (snapshots) {
      heap();
      v8.writeHeapSnapshot(join(snapshots, 'after-polls.heapsnapshot'));
    }
    res.heapAfterPolls = samples;
    res.finalState = api.masterState().kind;
  } catch (e) {
    res.error = String(e instanceof Error ? e.stack : e);
  }
  writeFileSync(out, JSON.stringify(res, null, 2));
}
