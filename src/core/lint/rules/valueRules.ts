import { parseMasterUri, isLoopbackHost, DEFAULT_MASTER_PORT } from '../../ros/masterUri';
import { assessDomain, DEFAULT_EPHEMERAL, MAX_DOMAIN_ID, nearestSafeDomain, parseDomainIdLikeRcl } from '../../ros/domain';
import { isIpLiteral } from '../../ros/ipLiteral';
import { closest } from '../../util/closest';
import { ROS_VARIABLE_BY_NAME, ROS_VARIABLES, ROS1_KEYS, rosGenerationOfDistro, ROS2_DISTROS } from '../../ros/variables';
import type { Assignment, Finding, Fix, LintContext } from '../types';
import { isUnspecifiedAddress } from '../../net/addresses';
import { parseZenohOverride, semicolonInQuotes } from '../../zenoh/configOverride';

export const KNOWN_RMW = [
  'rmw_fastrtps_cpp',
  'rmw_fastrtps_dynamic_cpp',
  'rmw_cyclonedds_cpp',
  'rmw_connextdds',
  'rmw_gurumdds_cpp',
  'rmw_zenoh_cpp',
];
const RANGES = ['OFF', 'LOCALHOST', 'SUBNET', 'SYSTEM_DEFAULT'];
const ROS2_ONLY = ['ROS_DOMAIN_ID', 'RMW_IMPLEMENTATION', 'ROS_AUTOMATIC_DISCOVERY_RANGE', 'ROS_STATIC_PEERS', 'ROS_LOCALHOST_ONLY'];
const KNOWN_NAMES = ROS_VARIABLES.map((v) => v.name).concat([
  // Deliberate names of ros1_bridge setups, one per generation (not typos of ROS_DISTRO).
  'ROS1_DISTRO',
  'ROS2_DISTRO',
  'ROS1_INSTALL_PATH',
  'ROS2_INSTALL_PATH',
  'ROS_ROOT',
  'ROS_PACKAGE_PATH',
  'ROS_HOME',
  'ROS_LOG_DIR',
  'ROS_ETC_DIR',
  'ROS_PYTHON_VERSION',
  'ROS_TEST_RESULTS_DIR',
  'ROSCONSOLE_CONFIG_FILE',
  'ROS_SECURITY_ENCLAVE_OVERRIDE',
  'RCUTILS_CONSOLE_OUTPUT_FORMAT',
  'RCUTILS_COLORIZED_OUTPUT',
  'RCUTILS_LOGGING_BUFFERED_STREAM',
  'RCUTILS_LOGGING_USE_STDOUT',
  'ROS_DISABLE_LOANED_MESSAGES',
  'RMW_FASTRTPS_USE_QOS_FROM_XML',
  'RMW_FASTRTPS_PUBLICATION_MODE',
  'ROS2_EASY_MODE',
  'FASTDDS_ENVIRONMENT_FILE',
  'FASTDDS_STATISTICS',
  'SKIP_DEFAULT_XML',
  'RCL_ASSERT_RMW_ID_MATCHES',
  'ROSLAUNCH_SSH_UNKNOWN',
  'ROS_MAVEN_PATH',
  'ROS_WORKSPACE',
  'ROS_LOCALHOST_ONLY',
]);

function distroIndex(d: string | undefined): number {
  return d ? (ROS2_DISTROS as readonly string[]).indexOf(d.toLowerCase()) : -1;
}

export interface ValueContext extends LintContext {
  readonly rosHere?: 1 | 2;
  readonly distroHere?: string;
  /** The key span is a real key that may be renamed (not a node arg). */
  readonly renamable: boolean;
  /** A container's environment (compose service, docker run, devcontainer): the image's own scripts read it too. */
  readonly container?: boolean;
}

const f = (code: string, severity: Finding['severity'], message: string, span: Assignment['valueSpan'], fixes?: Fix[]): Finding => ({
  code,
  severity,
  message,
  span,
  ...(fixes?.length ? { fixes } : {}),
});

function masterUriRules(a: Assignment, v: string): Finding[] {
  const out: Finding[] = [];
  const trimmed = v.trim();
  const r = parseMasterUri(v);
  if (r.ok) {
    if (r.uri.ipv6 === false && r.uri.host.includes(':'))
      out.push(f('URI003', 'error', `ROS_MASTER_URI '${v}' is malformed (IPv6 addresses need brackets)`, a.valueSpan));
    return out;
  }
  const p = r.problem;
  switch (p.kind) {
    case 'scheme': {
      const fixed = p.scheme === undefined ? `http://${trimmed}` : trimmed.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, 'http://');
      const withPort = parseMasterUri(fixed).ok ? fixed : `${fixed.replace(/\/$/, '')}:${DEFAULT_MASTER_PORT}`;
      out.push(
        f(
          'URI001',
          'error',
          `ROS_MASTER_URI must be an http:// URL (e.g. http://HOST:11311/); got '${v}' (roswtf: protocol is not 'http')`,
          a.valueSpan,
          [
            {
              title: p.scheme === undefined ? 'Prepend http://' : `Replace ${p.scheme}:// with http://`,
              edits: [{ span: a.valueSpan, newText: parseMasterUri(withPort).ok ? withPort : fixed }],
              isPreferred: true,
            },
          ],
        ),
      );
      break;
    }
    case 'port-missing':
    case 'port-invalid': {
      const base = trimmed.replace(/\/$/, '').replace(/:[^:/\]]*$/, (m) => (p.kind === 'port-invalid' ? '' : m));
      out.push(
        f(
          'URI002',
          'error',
          p.kind === 'port-missing'
            ? `ROS_MASTER_URI '${v}' has no port: roscpp aborts ("Couldn't parse the master URI … into a host:port pair") and rospy silently uses port 80`
            : `ROS_MASTER_URI '${v}' has an invalid port '${p.port}' (1–65535)`,
          a.valueSpan,
          [
            {
              title: `Use port ${DEFAULT_MASTER_PORT}`,
              edits: [{ span: a.valueSpan, newText: `${base}:${DEFAULT_MASTER_PORT}` }],
              isPreferred: p.kind === 'port-missing',
            },
          ],
        ),
      );
      break;
    }
    case 'address-invalid': {
      const m = /^http:\/\/([0-9A-Fa-f:]+):(\d+)\/?$/.exec(trimmed);
      out.push(
        f(
          'URI003',
          'error',
          `ROS_MASTER_URI '${v}' is malformed (more than one ':' in host:port; IPv6 addresses need brackets)`,
          a.valueSpan,
          m && isIpLiteral(m[1]!)
            ? [
                {
                  title: 'Bracket the IPv6 address',
                  edits: [{ span: a.valueSpan, newText: `http://[${m[1]}]:${m[2]}` }],
                  isPreferred: true,
                },
              ]
            : [],
        ),
      );
      break;
    }
    case 'whitespace':
      out.push(
        f(
          'URI003',
          'error',
          `ROS_MASTER_URI '${v}' is malformed (it contains whitespace)`,
          a.valueSpan,
          trimmed !== v && parseMasterUri(trimmed).ok
            ? [{ title: 'Trim the whitespace', edits: [{ span: a.valueSpan, newText: trimmed }], isPreferred: true }]
            : [],
        ),
      );
      break;
    case 'host-missing':
      out.push(f('URI003', 'error', `ROS_MASTER_URI '${v}' is malformed (the host is missing)`, a.valueSpan));
      break;
    case 'empty':
      out.push(
        f('URI003', 'warning', 'ROS_MASTER_URI is empty: rospy falls back to http://localhost:11311 and roscpp aborts', a.valueSpan),
      );
      break;
  }
  if (/^["']|["']$/.test(trimmed) && out.length)
    out[0] = { ...out[0]!, code: 'URI003', message: `ROS_MASTER_URI '${v}' is malformed (stray quotes are part of the value)` };
  return out;
}

function hostRules(a: Assignment, v: string, ctx: ValueContext): Finding[] {
  const isIp = a.name === 'ROS_IP';
  if (v === '') {
    return [
      f(
        'HOST002',
        'error',
        `invalid ${a.name} (an empty string)${a.name === 'ROS_HOSTNAME' ? ': it still hides ROS_IP, and nodes fall back to the machine hostname' : ''}`,
        a.keySpan,
      ),
    ];
  }
  if (v.includes('://')) {
    const fixed = v.replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '');
    return [
      f('HOST002', 'error', `invalid ${a.name} (protocol should not be included)`, a.valueSpan, [
        { title: `Use '${fixed}'`, edits: [{ span: a.valueSpan, newText: fixed }], isPreferred: true },
      ]),
    ];
  }
  if (isUnspecifiedAddress(v))
    return [
      f(
        'HOST007',
        'error',
        `${a.name}=${v} is the wildcard (unspecified) address: nodes would put it in the URIs they register, and no other machine can connect to it. Use this machine's address on the master's network.`,
        a.valueSpan,
      ),
    ];
  if (!isIpLiteral(v) && /:\d+$/.test(v)) {
    const fixed = v.replace(/:\d+$/, '');
    return [
      f('HOST002', 'error', `invalid ${a.name} (port should not be included)`, a.valueSpan, [
        { title: `Use '${fixed}'`, edits: [{ span: a.valueSpan, newText: fixed }], isPreferred: true },
      ]),
    ];
  }
  if (isIp && !isIpLiteral(v)) {
    return [
      f(
        'HOST001',
        'error',
        /\s/.test(v)
          ? `ROS_IP [${v}] contains whitespace. This is not a valid IP.`
          : `ROS_IP must be a literal IP address, '${v}' is a name: use ROS_HOSTNAME for names`,
        a.valueSpan,
        ctx.renamable && !/\s/.test(v)
          ? [{ title: 'Rename ROS_IP to ROS_HOSTNAME', edits: [{ span: a.keySpan, newText: 'ROS_HOSTNAME' }], isPreferred: true }]
          : [],
      ),
    ];
  }
  if (isIp && v.includes(':')) return []; // IPv6 literal: HOST006 checks ROS_IPV6 per scope
  return [];
}

function domainRules(a: Assignment, v: string, ctx: ValueContext, rmw: string | undefined): Finding[] {
  const out: Finding[] = [];
  const p = parseDomainIdLikeRcl(v);
  let d: number | undefined;
  if (p.kind === 'error')
    out.push(
      f('DOM001', 'error', `ROS_DOMAIN_ID '${v}' is rejected by rcl (${p.why}): use a plain decimal 0–${MAX_DOMAIN_ID}`, a.valueSpan),
    );
  else if (p.kind === 'lenient') {
    d = p.value;
    out.push(
      f(
        'DOM001',
        'error',
        `ROS_DOMAIN_ID '${v}' is parsed by strtoul(…, 0) as ${p.value} (${p.why}): use a plain decimal 0–${MAX_DOMAIN_ID}`,
        a.valueSpan,
        [{ title: `Write ${p.value}`, edits: [{ span: a.valueSpan, newText: String(p.value) }], isPreferred: true }],
      ),
    );
  } else if (p.kind === 'decimal') d = p.value;
  if (d === undefined) return out;
  const eph = ctx.os === 'linux' ? (ctx.ephemeral ?? DEFAULT_EPHEMERAL.linux) : DEFAULT_EPHEMERAL[ctx.os];
  if (d > MAX_DOMAIN_ID && rmw !== 'rmw_zenoh_cpp') {
    const near = nearestSafeDomain(MAX_DOMAIN_ID, eph);
    out.push(
      f(
        'DOM002',
        'error',
        `ROS_DOMAIN_ID ${d} > ${MAX_DOMAIN_ID}: RTPS ports exceed 65535 (Fast DDS aborts: "Calculated port number is too high…")`,
        a.valueSpan,
        // Not preferred: every peer must move to the same domain, so the user picks it.
        near !== undefined ? [{ title: `Use the nearest safe domain ${near}`, edits: [{ span: a.valueSpan, newText: String(near) }] }] : [],
      ),
    );
    return out;
  }
  if (rmw === 'rmw_zenoh_cpp') return out;
  const as = assessDomain(d, eph);
  if (!as.safe) {
    const near = nearestSafeDomain(d, eph);
    out.push(
      f(
        'DOM003',
        'warning',
        `Domain ${d} uses ports ${as.firstPort}–${as.firstPort + 11 + 2 * 119}, inside the ${ctx.os === 'linux' ? 'Linux' : ctx.os === 'darwin' ? 'macOS' : 'Windows'} ephemeral range ${eph.lo}–${eph.hi}: other programs' outgoing connections can take them; prefer 0–101${ctx.os === 'linux' ? ' (or 215–232)' : ' (0–166 on macOS/Windows)'}`,
        a.valueSpan,
        near !== undefined
          ? [{ title: `Use the nearest safe domain ${near}`, edits: [{ span: a.valueSpan, newText: String(near) }], isPreferred: true }]
          : [],
      ),
    );
  }
  return out;
}

function discoveryRules(a: Assignment, v: string, ctx: ValueContext): Finding[] {
  const out: Finding[] = [];
  const di = distroIndex(ctx.distroHere ?? ctx.distro);
  const humbleOrOlder = di >= 0 && di <= distroIndex('humble');
  switch (a.name) {
    case 'ROS_LOCALHOST_ONLY':
      if (v !== '' && v !== '0' && v !== '1') {
        const enables = v.startsWith('1');
        out.push(
          f(
            'DISC001',
            'warning',
            `ROS_LOCALHOST_ONLY '${v}' ${enables ? 'enables' : 'does not enable'} localhost-only discovery (only values starting with '1' do)`,
            a.valueSpan,
            [{ title: `Write ${enables ? '1' : '0'}`, edits: [{ span: a.valueSpan, newText: enables ? '1' : '0' }], isPreferred: true }],
          ),
        );
      } else if (v !== '' && di > distroIndex('humble')) {
        out.push(
          f(
            'DISC001',
            'warning',
            `ROS_LOCALHOST_ONLY is deprecated since Iron (${ctx.distroHere ?? ctx.distro} logs a warning for any value); use ROS_AUTOMATIC_DISCOVERY_RANGE=LOCALHOST`,
            a.keySpan,
            v === '1' && ctx.renamable
              ? [
                  {
                    title: 'Use ROS_AUTOMATIC_DISCOVERY_RANGE=LOCALHOST',
                    edits: [
                      { span: a.keySpan, newText: 'ROS_AUTOMATIC_DISCOVERY_RANGE' },
                      { span: a.valueSpan, newText: 'LOCALHOST' },
                    ],
                    isPreferred: true,
                  },
                ]
              : [],
          ),
        );
      }
      break;
    case 'ROS_AUTOMATIC_DISCOVERY_RANGE':
      if (v !== '' && !RANGES.includes(v)) {
        const fix = RANGES.find((r) => r === v.toUpperCase().replace(/[ -]/g, '_'));
        out.push(
          f(
            'DISC002',
            'error',
            `Invalid value '${v}' for ROS_AUTOMATIC_DISCOVERY_RANGE: rcl falls back to LOCALHOST${fix ? ` (did you mean ${fix}?)` : ''}`,
            a.valueSpan,
            fix ? [{ title: `Use ${fix}`, edits: [{ span: a.valueSpan, newText: fix }], isPreferred: true }] : [],
          ),
        );
      }
      if (humbleOrOlder)
        out.push(
          f(
            'DISC003',
            'warning',
            `ROS_AUTOMATIC_DISCOVERY_RANGE was added in Iron and is ignored on ${ctx.distroHere ?? ctx.distro}; use ROS_LOCALHOST_ONLY there`,
            a.keySpan,
          ),
        );
      break;
    case 'ROS_STATIC_PEERS': {
      if (humbleOrOlder)
        out.push(
          f('DISC003', 'warning', `ROS_STATIC_PEERS was added in Iron and is ignored on ${ctx.distroHere ?? ctx.distro}`, a.keySpan),
        );
      const problems: string[] = [];
      // An empty value is "no static peers" (rcl skips it), as the ROS docs' scenarios write it.
      if (v === '') break;
      if (/[,\s]/.test(v.trim())) problems.push("',' or spaces used as separators");
      const items = v.split(/[;,\s]+/);
      if (v.split(';').some((x, i, arr) => x === '' && !(i === arr.length - 1 && arr.length > 1))) problems.push('empty items');
      if (items.some((x) => x.length > 255)) problems.push('an item longer than 255 characters is skipped');
      if (items.some((x) => x.includes('://'))) problems.push('a scheme in an item (rmw_fastrtps resolves the whole item as a name)');
      else if (items.some((x) => /^[^:\s]+:\d+$/.test(x))) problems.push("a ':port' in an item (peers are hosts, not host:port)");
      if (problems.length) {
        const fixed = items.filter(Boolean).join(';');
        out.push(
          f(
            'DISC004',
            'warning',
            `ROS_STATIC_PEERS must be a ';'-separated list of hostnames/IPs (${problems.join('; ')})`,
            a.valueSpan,
            fixed !== v && !/[:/]/.test(fixed.replace(/[0-9A-Fa-f:]+/g, ''))
              ? [{ title: "Separate with ';'", edits: [{ span: a.valueSpan, newText: fixed }], isPreferred: true }]
              : [],
          ),
        );
      }
      break;
    }
    case 'RMW_IMPLEMENTATION':
      if (v === 'rmw_connext_cpp')
        out.push(
          f('DISC005', 'error', 'rmw_connext_cpp was removed in Galactic; use rmw_connextdds', a.valueSpan, [
            { title: 'Use rmw_connextdds', edits: [{ span: a.valueSpan, newText: 'rmw_connextdds' }], isPreferred: true },
          ]),
        );
      else if (v === 'rmw_opensplice_cpp')
        out.push(f('DISC005', 'warning', 'rmw_opensplice_cpp is a legacy middleware not shipped with current distros', a.valueSpan));
      else if (v !== '' && !KNOWN_RMW.includes(v)) {
        const guess = closest(v, KNOWN_RMW, 6) ?? KNOWN_RMW.find((k) => k.includes(v.replace(/^rmw_|_cpp$/g, '').replace(/_/g, '')));
        out.push(
          f(
            'DISC005',
            'error',
            `Unknown RMW implementation '${v}'${guess ? ` (did you mean ${guess}?)` : ''}: nodes exit with "RMW implementation not installed"`,
            a.valueSpan,
            guess ? [{ title: `Use ${guess}`, edits: [{ span: a.valueSpan, newText: guess }], isPreferred: true }] : [],
          ),
        );
      }
      break;
    case 'ROS_DISCOVERY_SERVER':
      for (const entry of v.split(';')) {
        if (entry === '') continue;
        const body = entry.replace(/^(UDPv4|UDPv6|TCPv4|TCPv6):/, '').replace(/^\[(.*)\]$/, '$1');
        const m4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?::(\d+))?$/.exec(body);
        const bad = m4
          ? m4.slice(1, 5).some((o) => Number(o) > 255) || (m4[5] !== undefined && (Number(m4[5]) < 1 || Number(m4[5]) > 65535))
          : /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(body);
        if (bad)
          out.push(
            f('DISC006', 'error', `ROS_DISCOVERY_SERVER: '${entry}' is not a valid IPv4[:port] / [IPv6]:port / name entry`, a.valueSpan),
          );
      }
      break;
    case 'ROS_SUPER_CLIENT':
      if (!['TRUE', 'true', 'True', '1', 'FALSE', 'false', 'False', '0'].includes(v))
        out.push(f('DISC006', 'warning', `ROS_SUPER_CLIENT: '${v}' is not one of TRUE/true/True/1/FALSE/false/False/0`, a.valueSpan));
      break;
    case 'FASTDDS_BUILTIN_TRANSPORTS': {
      const base = v.split('?')[0]!;
      if (!['NONE', 'DEFAULT', 'DEFAULTv6', 'SHM', 'UDPv4', 'UDPv6', 'LARGE_DATA'].includes(base))
        out.push(
          f(
            'DISC006',
            'error',
            `FASTDDS_BUILTIN_TRANSPORTS: '${base}' is not one of NONE, DEFAULT, DEFAULTv6, SHM, UDPv4, UDPv6, LARGE_DATA`,
            a.valueSpan,
          ),
        );
      break;
    }
    case 'FASTRTPS_DEFAULT_PROFILES_FILE':
      if (distroIndex(ctx.distroHere ?? ctx.distro) >= distroIndex('kilted'))
        out.push(
          f(
            'DISC006',
            'warning',
            `FASTRTPS_DEFAULT_PROFILES_FILE is deprecated with Fast DDS 3 (${ctx.distroHere ?? ctx.distro}); use FASTDDS_DEFAULT_PROFILES_FILE`,
            a.keySpan,
            ctx.renamable
              ? [
                  {
                    title: 'Rename to FASTDDS_DEFAULT_PROFILES_FILE',
                    edits: [{ span: a.keySpan, newText: 'FASTDDS_DEFAULT_PROFILES_FILE' }],
                    isPreferred: true,
                  },
                ]
              : [],
          ),
        );
      break;
    case 'CYCLONEDDS_URI':
      {
        // Cyclone reads a comma-separated list of file:// URIs, inline <CycloneDDS> fragments and
        // plain paths (a plain path is opened as a file first, ddsi_config.c): only another
        // scheme is wrong.
        const bad = v.trimStart().startsWith('<')
          ? undefined
          : v.split(',').find((x) => /^[A-Za-z][\w+.-]*:/.test(x.trim()) && !/^file:\/\//.test(x.trim()));
        if (bad)
          out.push(
            f(
              'DISC007',
              'warning',
              `CYCLONEDDS_URI item '${bad.trim()}' is neither file://<path>, a plain path nor an inline <CycloneDDS> fragment`,
              a.valueSpan,
            ),
          );
      }
      break;
    case 'ROS_SECURITY_ENABLE':
      if (v !== 'true' && v !== '')
        out.push(
          f(
            'DISC008',
            'warning',
            `Security is only enabled by ROS_SECURITY_ENABLE=true (exact); '${v}' leaves it OFF`,
            a.valueSpan,
            /^(true|1|yes|on)$/i.test(v)
              ? [{ title: 'Write true', edits: [{ span: a.valueSpan, newText: 'true' }], isPreferred: true }]
              : [],
          ),
        );
      break;
    case 'ROS_SECURITY_STRATEGY':
      if (v !== 'Enforce' && v !== 'Permissive')
        out.push(
          f(
            'DISC008',
            'warning',
            `ROS_SECURITY_STRATEGY '${v}' is treated as Permissive (only the exact 'Enforce' enforces)`,
            a.valueSpan,
            /^enforce$/i.test(v) ? [{ title: 'Write Enforce', edits: [{ span: a.valueSpan, newText: 'Enforce' }], isPreferred: true }] : [],
          ),
        );
      break;
  }
  return out;
}

/** Where a rmw_zenoh config file path is absolute (POSIX, or a Windows drive/UNC path). */
const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

/**
 * rmw_zenoh's variables as its zenoh_config.cpp reads them, and the DDS discovery variables it does
 * not read. Each message says what rmw_zenoh does with the value, not only that it is wrong.
 */
function zenohRules(a: Assignment, v: string, scopeEnv: ReadonlyMap<string, Assignment>): Finding[] {
  const rmw = scopeEnv.get('RMW_IMPLEMENTATION');
  const rmwValue = rmw && rmw.op !== 'unset' ? rmw.value : undefined;
  if (a.name.startsWith('ZENOH_') && rmwValue && rmwValue !== 'rmw_zenoh_cpp' && !/\$/.test(rmwValue))
    return [f('PREC006', 'warning', `${a.name} is read only by rmw_zenoh_cpp; this scope uses ${rmwValue}`, a.keySpan)];
  switch (a.name) {
    case 'ZENOH_ROUTER_CHECK_ATTEMPTS': {
      // strtoll(value, nullptr, 10): leading blanks and a sign, then digits; the rest is ignored,
      // and no digits at all reads as 0, which means "wait forever". Empty is unset (1 check).
      if (v === '') return [];
      if (/^[+-]?\d+$/.test(v.trim())) {
        const n = Number(v.trim());
        return n === 0
          ? [
              f(
                'ZEN001',
                'info',
                'ZENOH_ROUTER_CHECK_ATTEMPTS=0: every node waits forever until a Zenoh router (ros2 run rmw_zenoh_cpp rmw_zenohd) is reachable',
                a.valueSpan,
              ),
            ]
          : [];
      }
      const lead = /^\s*([+-]?\d+)/.exec(v)?.[1];
      const n = lead === undefined ? 0 : Number(lead);
      const meaning = n > 0 ? `${n} check${n === 1 ? '' : 's'} for a router` : n < 0 ? 'no router check' : 'wait for a router forever';
      return [
        f(
          'ZEN001',
          'error',
          `ZENOH_ROUTER_CHECK_ATTEMPTS must be an integer (unset: 1 check, 0: wait forever, < 0: no check); rmw_zenoh reads '${v}' as ${n}: ${meaning}`,
          a.valueSpan,
          lead !== undefined ? [{ title: `Write ${n}`, edits: [{ span: a.valueSpan, newText: String(n) }] }] : [],
        ),
      ];
    }
    case 'ZENOH_CONFIG_OVERRIDE': {
      const out: Finding[] = [];
      if (semicolonInQuotes(v))
        out.push(
          f(
            'ZEN002',
            'error',
            "ZENOH_CONFIG_OVERRIDE: rmw_zenoh splits the value at every ';', also inside quotes, so a quoted string with ';' is cut in two",
            a.valueSpan,
          ),
        );
      for (const e of parseZenohOverride(v))
        if (e.problem) out.push(f('ZEN002', 'error', `ZENOH_CONFIG_OVERRIDE entry '${e.raw.trim()}': ${e.problem}`, a.valueSpan));
      return out;
    }
    case 'ZENOH_SESSION_CONFIG_URI':
    case 'ZENOH_ROUTER_CONFIG_URI': {
      // Despite the name, a file path: zenoh's Config::from_file opens it as given.
      if (v.trim() === '') return [];
      const why = /^file:/i.test(v)
        ? 'is a URI, but rmw_zenoh opens the value as a file path (write the path without file://); the node fails with "Invalid configuration file"'
        : v.startsWith('~')
          ? 'starts with ~, which rmw_zenoh does not expand: write the absolute path'
          : !ABSOLUTE_PATH.test(v)
            ? 'is not an absolute path: it is resolved against each process’s working directory'
            : undefined;
      return why ? [f('ZEN003', 'warning', `${a.name} '${v}' ${why}`, a.valueSpan)] : [];
    }
    case 'ROS_AUTOMATIC_DISCOVERY_RANGE':
    case 'ROS_STATIC_PEERS':
      if (rmwValue === 'rmw_zenoh_cpp')
        return [
          f(
            'PREC006',
            'warning',
            `rmw_zenoh_cpp ignores ${a.name}: nodes find each other through the Zenoh router; point them at it with ZENOH_CONFIG_OVERRIDE='connect/endpoints=["tcp/<host>:7447"]' instead`,
            a.keySpan,
          ),
        ];
      return [];
  }
  return [];
}

/** Every name a value or scope rule looks at starts with one of these (most names in a file do not). */
const RULED_PREFIX = /^(?:ROS|RMW|FAST|CYCLONEDDS|ZENOH)/;

/**
 * Whether any rule reads this name: value rules, scope rules (ROS_*, RMW_IMPLEMENTATION) and the
 * generation inference (ROS1_KEYS/ROS2_ONLY). lintModel skips every other assignment, which is most of
 * a large .env or compose file (test/unit/lint/leanSources.test.ts pins the names the rules read).
 */
export function isRuledName(name: string): boolean {
  return RULED_PREFIX.test(name);
}

/** Rules that look at one assignment's value (and its context). */
export function valueRules(a: Assignment, ctx: ValueContext, scopeEnv: ReadonlyMap<string, Assignment>): Finding[] {
  if (!isRuledName(a.name)) return [];
  const out: Finding[] = [];
  const known = ROS_VARIABLE_BY_NAME.get(a.name);
  // The prefix is isRuledName's (checked above): an upper-case name under it that ROS does not read.
  if (!known && /^[A-Z0-9_]*$/.test(a.name) && !KNOWN_NAMES.includes(a.name)) {
    const guess = closest(a.name, KNOWN_NAMES, 2);
    if (guess)
      out.push(
        f(
          'FMT002',
          'warning',
          `Unknown variable ${a.name}; did you mean ${guess}? (ROS never reads ${a.name})`,
          a.keySpan,
          ctx.renamable ? [{ title: `Rename to ${guess}`, edits: [{ span: a.keySpan, newText: guess }], isPreferred: true }] : [],
        ),
      );
  }
  const ros = ctx.rosHere;
  if (ros === 2 && ROS1_KEYS.includes(a.name)) out.push(f('PREC002', 'warning', `${a.name} has no effect in ROS 2`, a.keySpan));
  if (ros === 1 && ROS2_ONLY.includes(a.name)) out.push(f('PREC002', 'warning', `${a.name} has no effect in ROS 1`, a.keySpan));
  if (ros === 2 && a.name === 'ROS_NAMESPACE')
    out.push(
      ctx.container
        ? f(
            'PREC002',
            'info',
            "ROS 2 nodes do not read ROS_NAMESPACE: only the image's own scripts can use it (nodes need --ros-args -r __ns:=… or PushRosNamespace)",
            a.keySpan,
          )
        : f('PREC002', 'warning', 'ROS_NAMESPACE is not supported in ROS 2: use --ros-args -r __ns:=… or PushRosNamespace', a.keySpan),
    );
  if (a.name === 'ROS_DISTRO' && a.value) {
    const g = rosGenerationOfDistro(a.value);
    const version = scopeEnv.get('ROS_VERSION')?.value;
    if (g && version && version !== String(g))
      out.push(f('PREC003', 'error', `ROS_DISTRO '${a.value}' is a ROS ${g} distro but ROS_VERSION=${version}`, a.valueSpan));
  }
  if (a.value === undefined || a.op === 'unset') return out;
  const v = a.value;
  // Values with launch substitutions ($(env X), ${X}) are only known at run time.
  if (/\$\(|\$\{|\$[A-Za-z_]/.test(v)) return out;
  switch (a.name) {
    case 'ROS_MASTER_URI':
      out.push(...masterUriRules(a, v));
      break;
    case 'ROS_IP':
    case 'ROS_HOSTNAME':
      // rosgraph reads ROS_IP only when ROS_HOSTNAME is unset: an empty ROS_IP beside it is never read.
      if (a.name === 'ROS_IP' && v === '' && scopeEnv.get('ROS_HOSTNAME')?.value) break;
      out.push(...hostRules(a, v, ctx));
      break;
    case 'ROS_IPV6':
      if (v !== 'on' && v !== 'off' && v !== '')
        out.push(
          f(
            'HOST006',
            'warning',
            `ROS_IPV6 is only enabled by the exact value 'on'; '${v}' leaves IPv6 ${/^(1|true|yes|ON|On)$/.test(v) ? 'OFF' : 'off'}`,
            a.valueSpan,
            /^(1|true|yes|ON|On)$/i.test(v)
              ? [{ title: "Write 'on'", edits: [{ span: a.valueSpan, newText: 'on' }], isPreferred: true }]
              : [],
          ),
        );
      break;
    case 'ROS_DOMAIN_ID':
      out.push(...domainRules(a, v, ctx, scopeEnv.get('RMW_IMPLEMENTATION')?.value));
      break;
    default:
      out.push(...discoveryRules(a, v, ctx), ...zenohRules(a, v, scopeEnv));
  }
  return out;
}

export { ROS2_ONLY, isLoopbackHost };
