import { imageContext } from '../imageContext';
import { isLoopbackHost, parseMasterUri } from '../../ros/masterUri';
import type { RosGeneration } from '../../ros/variables';
import type { Span } from '../../text/positions';
import type { Assignment, Finding, ScopeContext, WordPart } from '../types';

// `docker run` / `docker create` / `podman run` / `docker compose run` arguments, from a shell
// script's syntax tree or a devcontainer's runArgs, as the compose rules see a service: its
// environment, network, ipc/pid, published ports, names. The container rules (DC001–DC003) follow
// composeSource's conditions and texts.

/** One argument word: its value when literal, and where it is written. */
export interface ArgWord {
  /** After quote removal; undefined when computed at run time. */
  readonly text: string | undefined;
  readonly parts: readonly WordPart[];
  /** The word as written. */
  readonly span: Span;
  /** Offsets of the literal text inside the word, when they map one to one (no escapes); else undefined. */
  readonly inner?: Span;
}

/** Options of docker/podman run and create that take a value (the rest are flags). */
const WITH_VALUE = new Set(
  (
    '-a --attach --add-host --annotation --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile ' +
    '--cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems --device ' +
    '--device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --dns --dns-option --dns-search ' +
    '--domainname --entrypoint -e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries ' +
    '--health-start-interval --health-start-period --health-timeout -h --hostname --ip --ip6 --ipc --isolation --kernel-memory -l ' +
    '--label --label-file --link --link-local-ip --log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap ' +
    '--memory-swappiness --mount --name --network --net --network-alias --net-alias --oom-score-adj --pid --pids-limit --platform ' +
    '-p --publish --pull --restart --runtime --security-opt --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs ' +
    '--ulimit -u --user --userns --uts -v --volume --volume-driver --volumes-from -w --workdir --detach-keys --hooks-dir --pod'
  ).split(' '),
);

export interface ContainerRun {
  /** `docker run`, …: where container findings are reported. */
  readonly commandSpan: Span;
  /** `docker compose run`: the network and image come from the compose file. */
  readonly composeRun: boolean;
  readonly env: Assignment[];
  readonly envFiles: number;
  readonly network?: { readonly value: string | undefined; readonly word: ArgWord };
  readonly ipc?: string;
  readonly pid?: string;
  /** Each `-p` option with its value, for "remove" fixes. */
  readonly ports: Span[];
  /** Names other containers on its network reach it by (--name, --hostname, --network-alias). */
  readonly names: string[];
  readonly image?: string;
  /** Literal words after the image (the container's command). */
  readonly command: string[];
  /** Where a new option goes (after the subcommand). */
  readonly insertAt: number;
}

/** `NAME=value` / `NAME` of an -e option, with spans when the word's text maps to its offsets. */
function envAssignment(w: ArgWord, skip: number, scope: string): Assignment | undefined {
  const first = w.parts[0];
  const lit = first && !first.dynamic ? first.text.slice(skip) : '';
  const eq = lit.indexOf('=');
  const name = eq < 0 ? (w.parts.length === 1 ? lit : '') : lit.slice(0, eq);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  const at = w.inner ? w.inner.start + skip : undefined;
  const keySpan = at !== undefined ? { start: at, end: at + name.length } : w.span;
  if (eq < 0) return { name, value: undefined, keySpan, valueSpan: { start: keySpan.end, end: keySpan.end }, op: 'set', scope };
  const valueSpan = at !== undefined ? { start: at + eq + 1, end: w.inner!.end } : w.span;
  const rest: WordPart[] = [{ text: lit.slice(eq + 1), dynamic: false }, ...w.parts.slice(1)].filter((p) => p.dynamic || p.text !== '');
  const computed = rest.some((p) => p.dynamic);
  return {
    name,
    value: computed ? undefined : rest.map((p) => p.text).join(''),
    keySpan,
    valueSpan,
    rawSpan: w.span,
    op: 'set',
    scope,
    quote: 'none',
    ...(computed ? { computed: rest } : {}),
  };
}

/**
 * The container a command line starts, or undefined when it is not one of `docker run|create`,
 * `docker container run|create`, `podman run|create`, `docker compose run` (`docker-compose run`).
 */
export function containerRun(words: readonly ArgWord[], scope: string): ContainerRun | undefined {
  const lits = words.map((w) => w.text);
  let i = 0;
  const tool = lits[0]?.replace(/^.*\//, '');
  let composeRun = false;
  if (tool === 'docker-compose') composeRun = true;
  else if (tool !== 'docker' && tool !== 'podman') return undefined;
  i = 1;
  // Global options of the tool itself (docker --context x run …).
  while (i < lits.length && lits[i]?.startsWith('-'))
    i += lits[i]!.includes('=') || !['--context', '-c', '--host', '-H', '--log-level', '--config'].includes(lits[i]!) ? 1 : 2;
  if (lits[i] === 'compose') {
    composeRun = true;
    i++;
    while (i < lits.length && lits[i]?.startsWith('-'))
      i += lits[i]!.includes('=') || !['-f', '--file', '-p', '--project-name', '--profile', '--env-file'].includes(lits[i]!) ? 1 : 2;
  }
  if (!composeRun && lits[i] === 'container') i++;
  const sub = lits[i];
  if (sub !== 'run' && (composeRun || sub !== 'create')) return undefined;
  i++;
  const run = {
    commandSpan: { start: words[0]!.span.start, end: words[i - 1]!.span.end },
    composeRun,
    env: [] as Assignment[],
    envFiles: 0,
    network: undefined as ContainerRun['network'],
    ipc: undefined as string | undefined,
    pid: undefined as string | undefined,
    ports: [] as Span[],
    names: [] as string[],
    image: undefined as string | undefined,
    command: [] as string[],
    insertAt: words[i - 1]!.span.end,
  };
  for (; i < words.length; i++) {
    const w = words[i]!;
    const t = w.text;
    if (t === undefined || !t.startsWith('-') || t === '-') {
      if (composeRun) {
        // `docker compose run [options] SERVICE [command]`: the service stands for the image.
        run.image = undefined;
      } else run.image = t;
      run.command = words.slice(i + 1).map((x) => x.text ?? '');
      break;
    }
    if (t === '--') continue;
    const eq = t.startsWith('--') ? t.indexOf('=') : -1;
    const opt = eq > 0 ? t.slice(0, eq) : t;
    let value: ArgWord | undefined;
    let skip = 0;
    let end = w.span.end;
    if (eq > 0) {
      value = w;
      skip = eq + 1;
    } else if (WITH_VALUE.has(opt)) {
      value = words[i + 1];
      if (value) end = value.span.end;
      i++;
    }
    if (!value) continue;
    const v = value.text === undefined ? undefined : value.text.slice(skip);
    switch (opt) {
      case '-e':
      case '--env': {
        const a = envAssignment(value, skip, scope);
        if (a) run.env.push(a);
        break;
      }
      case '--env-file':
        run.envFiles++;
        break;
      case '--network':
      case '--net':
        run.network = { value: v, word: value };
        break;
      case '--ipc':
        run.ipc = v;
        break;
      case '--pid':
        run.pid = v;
        break;
      case '-p':
      case '--publish':
        run.ports.push({ start: w.span.start, end });
        break;
      case '--name':
      case '-h':
      case '--hostname':
      case '--network-alias':
      case '--net-alias':
        if (v) run.names.push(v);
        break;
    }
  }
  return run;
}

const DEFAULT_ROS_IMAGE = /^(?:(?:docker\.io|index\.docker\.io)\/)?(?:library\/)?(?:ros|osrf\/ros|osrf\/ros2):/;

/** ROS generation of a container: its variables, then its image tag, then its command. */
function generationOf(run: ContainerRun): { ros?: RosGeneration; distro?: string } {
  const has = (n: string) => run.env.some((a) => a.name === n);
  const ctx = run.image ? imageContext(run.image) : {};
  const version = run.env.find((a) => a.name === 'ROS_VERSION')?.value;
  const bridge = /ros1[-_]bridge/.test(`${run.image ?? ''} ${run.command.join(' ')}`);
  if (bridge) return ctx.distro ? { distro: ctx.distro } : {};
  const byEnv = has('ROS_MASTER_URI') ? 1 : has('ROS_DOMAIN_ID') || has('RMW_IMPLEMENTATION') ? 2 : undefined;
  const byCommand = /^(roscore|roslaunch|rosrun|rostopic)$/.test(run.command[0] ?? '') ? 1 : run.command[0] === 'ros2' ? 2 : undefined;
  const ros = version === '1' || version === '2' ? (Number(version) as RosGeneration) : (ctx.ros ?? byEnv ?? byCommand);
  return { ...(ros ? { ros } : {}), ...(ctx.distro ? { distro: ctx.distro } : {}) };
}

/**
 * DC001–DC003 for the containers of one file (compose's conditions): `peers` are the other
 * containers' names per network, for a master that is itself a container on the same network.
 */
export function containerFindings(
  runs: readonly ContainerRun[],
  text: string,
  syntax: 'shell' | 'json',
): { findings: Finding[]; scopes: Map<string, ScopeContext> } {
  /** New words after an argument: `… --ipc host` in a script, `…, "--ipc=host"` in runArgs. */
  const insertAfter = (w: ArgWord, shell: string, json: string) => ({
    span: { start: w.span.end, end: w.span.end },
    newText: syntax === 'shell' ? ` ${shell}` : `, ${JSON.stringify(json)}`,
  });
  /** An option removed with the blank (or the comma) before it. */
  const remove = (s: Span) => {
    let start = s.start;
    while (start > 0 && /[ \t]/.test(text[start - 1]!)) start--;
    if (syntax === 'json' && text[start - 1] === ',') start--;
    return { span: { start, end: s.end }, newText: '' };
  };
  const findings: Finding[] = [];
  const scopes = new Map<string, ScopeContext>();
  const onNetwork = new Map<string, Set<string>>();
  for (const r of runs) {
    const net = r.network?.value ?? 'bridge';
    const names = onNetwork.get(net) ?? new Set<string>();
    for (const n of r.names) names.add(n);
    onNetwork.set(net, names);
  }
  for (const r of runs) {
    const scope = r.env[0]?.scope;
    const g = generationOf(r);
    // Off the host network, DC001 says what HOST005 would (compose does the same).
    if (scope) scopes.set(scope, r.network?.value === 'host' ? g : { ...g, quiet: new Set(['HOST005']) });
    if (r.composeRun) continue;
    const env = new Map(r.env.map((a) => [a.name, a]));
    const net = r.network?.value;
    const host = net === 'host';
    const netWord = r.network?.word;
    if (host && r.ports.length)
      findings.push({
        code: 'DC002',
        severity: 'warning',
        message: 'Published ports (-p) are discarded with --network host: Docker ignores them, the container uses the host ports directly',
        span: r.ports[0]!,
        fixes: [{ title: 'Remove the -p options', edits: r.ports.map(remove), isPreferred: true }],
      });
    if (g.ros === 1 && !host && !(net ?? '').startsWith('container:') && net !== 'none') {
      const m = env.get('ROS_MASTER_URI');
      // Taken from the host (-e NAME, -e NAME=$NAME): the master is wherever the host's points, outside this network.
      const inherited =
        m && (m.value === undefined || (m.computed?.length === 1 && m.computed[0]!.text.replace(/[{}]/g, '') === '$ROS_MASTER_URI'));
      const parsed = m?.value !== undefined ? parseMasterUri(m.value) : undefined;
      const masterHost = parsed?.ok ? parsed.uri.host : undefined;
      // Started by another script: a user-defined network where this container is reached by its own
      // name (ROS_HOSTNAME = --name/--hostname/alias) and the master by a container name (HARMONI's setup).
      const ownName = env.get('ROS_HOSTNAME')?.value;
      const byName =
        masterHost !== undefined &&
        net !== undefined &&
        net !== 'bridge' &&
        ownName !== undefined &&
        r.names.includes(ownName) &&
        /^[A-Za-z_][A-Za-z0-9_-]*$/.test(masterHost) &&
        !isLoopbackHost(masterHost);
      const inside = masterHost !== undefined && net !== undefined && (onNetwork.get(net)?.has(masterHost) || byName);
      const where = net === undefined || net === 'bridge' ? "Docker's default bridge network" : `the network '${net}'`;
      if ((masterHost !== undefined && !isLoopbackHost(masterHost) && !inside) || inherited) {
        // `--network ros_net` → `--network host`; `--network=ros_net` → `--network=host`; none → added.
        const edit = !netWord
          ? syntax === 'shell'
            ? { span: { start: r.insertAt, end: r.insertAt }, newText: ' --network host' }
            : undefined
          : { span: netWord.inner ?? netWord.span, newText: netWord.text === net ? 'host' : '--network=host' };
        findings.push({
          code: 'DC001',
          severity: 'warning',
          message: `ROS 1 container on ${where}, with its master ${masterHost ?? 'taken from the host'} outside it: its nodes advertise the container's hostname and random XML-RPC/TCPROS ports, which the master and peers outside cannot reach. Use --network host`,
          span: netWord?.span ?? r.commandSpan,
          ...(edit ? { fixes: [{ title: 'Use --network host', edits: [edit], isPreferred: true }] } : {}),
        });
      } else if (inside)
        findings.push({
          code: 'DC001',
          severity: 'info',
          message: `ROS 1 container reaches its master '${masterHost}' inside ${where}, where Docker resolves container names; ROS nodes outside the network cannot reach its nodes. Use --network host if they must`,
          span: netWord?.span ?? r.commandSpan,
        });
    }
    if (g.ros === 2 && host && r.ipc !== 'host') {
      const rmw = env.get('RMW_IMPLEMENTATION');
      const udp = env.get('FASTDDS_BUILTIN_TRANSPORTS')?.value?.startsWith('UDPv');
      const fast = rmw?.value !== undefined ? rmw.value.startsWith('rmw_fastrtps') : undefined;
      const unknownRmw = rmw !== undefined && rmw.value === undefined;
      if (fast !== false && !udp && !unknownRmw) {
        const sure = fast === true || (r.image !== undefined && DEFAULT_ROS_IMAGE.test(r.image));
        findings.push({
          code: 'DC003',
          severity: sure ? 'warning' : 'info',
          message: sure
            ? 'Fast DDS will try shared memory with host processes: topics appear but no data flows. Add --ipc host (and --pid host), or set FASTDDS_BUILTIN_TRANSPORTS=UDPv4'
            : 'If the image does not set RMW_IMPLEMENTATION, Fast DDS (the default) will try shared memory with host processes: topics appear but no data flows. Add --ipc host (and --pid host), or set FASTDDS_BUILTIN_TRANSPORTS=UDPv4',
          span: netWord!.span,
          fixes: [{ title: 'Add --ipc host', edits: [insertAfter(netWord!, '--ipc host', '--ipc=host')], isPreferred: true }],
        });
      }
    }
  }
  return { findings, scopes };
}
