import type { Severity } from './types';

/**
 * Rule metadata (ros-network-env.md §6): one row per code the linter can report. Used by the SARIF
 * report (tool.driver.rules) and the README's rule table. Severities are the defaults; a rule may
 * report a lower one for a milder variant (e.g. URI003 for an empty value is a warning).
 */
export interface RuleInfo {
  readonly code: string;
  readonly title: string;
  readonly severity: Severity;
  /** Section of the rule catalogue in ros-network-env.md §6. */
  readonly section: string;
  /**
   * What the check needs beyond the text: checked by `rosnet doctor`, and by the editor for the
   * active profile only (hostRules.ts), never by the synchronous lint or `rosnet lint`.
   */
  readonly needs?: 'dns' | 'os' | 'fs';
}

const URI = 'URI syntax (ROS 1)';
const HOST = 'Host / IP (ROS 1)';
const PREC = 'Precedence / conflict';
const DOM = 'Domain ID / ports';
const DISC = 'ROS 2 discovery and middleware';
const FMT = 'File format';
const XF = 'Cross-file';
const DC = 'Docker Compose';
const ZEN = 'rmw_zenoh';

export const RULE_CATALOG: readonly RuleInfo[] = [
  { code: 'URI001', severity: 'error', section: URI, title: 'ROS_MASTER_URI is not an http:// URL' },
  { code: 'URI002', severity: 'error', section: URI, title: 'ROS_MASTER_URI has no valid port (1–65535)' },
  {
    code: 'URI003',
    severity: 'error',
    section: URI,
    title: 'ROS_MASTER_URI is malformed (empty host, unbracketed IPv6, whitespace, quotes)',
  },
  { code: 'URI004', severity: 'warning', section: URI, title: 'The master host does not resolve', needs: 'dns' },
  { code: 'HOST001', severity: 'error', section: HOST, title: 'ROS_IP is not a literal IP address' },
  { code: 'HOST002', severity: 'error', section: HOST, title: 'ROS_IP/ROS_HOSTNAME is empty or includes a scheme or port' },
  { code: 'HOST003', severity: 'warning', section: HOST, title: 'ROS_IP/ROS_HOSTNAME is not an address of this machine', needs: 'os' },
  { code: 'HOST004', severity: 'error', section: HOST, title: 'Loopback address advertised while the master is remote' },
  { code: 'HOST005', severity: 'warning', section: HOST, title: 'Remote master but neither ROS_IP nor ROS_HOSTNAME is set' },
  { code: 'HOST006', severity: 'warning', section: HOST, title: "ROS_IPV6 is not exactly 'on' (or an IPv6 address without it)" },
  {
    code: 'HOST007',
    severity: 'error',
    section: HOST,
    title: 'ROS_IP/ROS_HOSTNAME is a wildcard address (0.0.0.0, ::): no peer can connect to it',
  },
  { code: 'PREC001', severity: 'warning', section: PREC, title: 'ROS_HOSTNAME and ROS_IP both set: ROS_IP is ignored' },
  { code: 'PREC002', severity: 'warning', section: PREC, title: 'Variable of the other ROS generation has no effect' },
  { code: 'PREC003', severity: 'error', section: PREC, title: 'ROS_VERSION / ROS_DISTRO contradict each other' },
  { code: 'PREC004', severity: 'warning', section: PREC, title: 'ROS_LOCALHOST_ONLY=1 hides the discovery range and static peers' },
  { code: 'PREC005', severity: 'warning', section: PREC, title: 'ROS_STATIC_PEERS ignored with discovery range OFF/SYSTEM_DEFAULT' },
  { code: 'PREC006', severity: 'warning', section: PREC, title: 'Middleware variable without effect for the selected RMW' },
  { code: 'DOM001', severity: 'error', section: DOM, title: 'ROS_DOMAIN_ID is not a plain decimal (rcl reads it with strtoul)' },
  { code: 'DOM002', severity: 'error', section: DOM, title: 'ROS_DOMAIN_ID above 232: ports exceed 65535' },
  { code: 'DOM003', severity: 'warning', section: DOM, title: 'Domain ports fall in the OS ephemeral port range' },
  { code: 'DOM004', severity: 'info', section: DOM, title: 'Domain port table and participants per host' },
  { code: 'DISC001', severity: 'warning', section: DISC, title: 'ROS_LOCALHOST_ONLY deprecated or not 0/1' },
  { code: 'DISC002', severity: 'error', section: DISC, title: 'Invalid ROS_AUTOMATIC_DISCOVERY_RANGE' },
  { code: 'DISC003', severity: 'warning', section: DISC, title: 'Discovery variable not supported by this distro' },
  { code: 'DISC004', severity: 'warning', section: DISC, title: "ROS_STATIC_PEERS is not a ';'-separated host list" },
  { code: 'DISC005', severity: 'error', section: DISC, title: 'Unknown or removed RMW_IMPLEMENTATION' },
  { code: 'DISC006', severity: 'error', section: DISC, title: 'Fast DDS variable with an invalid value' },
  { code: 'DISC007', severity: 'warning', section: DISC, title: 'CYCLONEDDS_URI is neither file:// nor inline XML' },
  { code: 'DISC008', severity: 'warning', section: DISC, title: 'Security variable that leaves security off' },
  { code: 'ZEN001', severity: 'error', section: ZEN, title: 'ZENOH_ROUTER_CHECK_ATTEMPTS is not an integer (or 0: wait forever)' },
  { code: 'ZEN002', severity: 'error', section: ZEN, title: 'ZENOH_CONFIG_OVERRIDE entry is not key/path=json5' },
  { code: 'ZEN003', severity: 'warning', section: ZEN, title: 'ZENOH_*_CONFIG_URI is not an absolute path' },
  { code: 'FMT001', severity: 'warning', section: FMT, title: 'dotenv syntax (dotenv-linter rules); file not linted' },
  { code: 'FMT002', severity: 'warning', section: FMT, title: 'Misspelt ROS variable name' },
  { code: 'FMT003', severity: 'error', section: FMT, title: "Unquoted ';' or '&' ends the shell command" },
  { code: 'FMT004', severity: 'warning', section: FMT, title: 'dotenv dialect pitfall (expansion, quoting, #)' },
  { code: 'FMT005', severity: 'error', section: FMT, title: 'Launch file structure that roslaunch / ros2 launch rejects or ignores' },
  { code: 'XF001', severity: 'warning', section: XF, title: 'Launch file overrides a value of the active profile' },
  { code: 'XF002', severity: 'error', section: XF, title: 'Remote <machine> with a loopback master URI' },
  { code: 'XF003', severity: 'warning', section: XF, title: 'Contexts that must talk disagree on the network identity' },
  { code: 'XF004', severity: 'warning', section: XF, title: 'Shell start-up file sets another value than the active profile' },
  { code: 'DC001', severity: 'warning', section: DC, title: 'ROS 1 service behind a bridge network' },
  { code: 'DC002', severity: 'error', section: DC, title: 'network_mode: host with ports or networks' },
  { code: 'DC003', severity: 'warning', section: DC, title: 'Fast DDS with host network but no ipc: host' },
  { code: 'DC004', severity: 'warning', section: DC, title: 'YAML-coerced or key-only environment entry' },
];

const BY_CODE = new Map(RULE_CATALOG.map((r) => [r.code, r]));

/** The catalogue row of a code, or undefined for a code the catalogue does not know. */
export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}

/** README anchor of a rule's row (`<a id="rule-uri001">` in the "Lint rules" table). */
export function ruleAnchor(code: string): string {
  return `rule-${code.toLowerCase()}`;
}
