/**
 * ROS 2 name mangling on DDS (rmw_dds_common / rmw_*_cpp): topics `rt/<name>`, service request and
 * reply topics `rq/<name>Request` / `rr/<name>Reply`, types `pkg::msg::dds_::T_`.
 */

export type RosTopicKind = 'topic' | 'request' | 'reply';

export interface RosTopicName {
  readonly kind: RosTopicKind;
  /** The ROS name with its leading slash: "/chatter", "/add_two_ints". */
  readonly name: string;
}

/** undefined for DDS topics that are not ROS topics (ros_discovery_info, DCPS*, …). */
export function demangleTopic(dds: string): RosTopicName | undefined {
  if (dds.startsWith('rt/')) return { kind: 'topic', name: `/${dds.slice(3)}` };
  if (dds.startsWith('rq/') && dds.endsWith('Request') && dds.length > 10) return { kind: 'request', name: `/${dds.slice(3, -7)}` };
  if (dds.startsWith('rr/') && dds.endsWith('Reply') && dds.length > 8) return { kind: 'reply', name: `/${dds.slice(3, -5)}` };
  return undefined;
}

/**
 * `std_msgs::msg::dds_::String_` → "std_msgs/msg/String";
 * `example_interfaces::srv::dds_::AddTwoInts_Request_` → "example_interfaces/srv/AddTwoInts".
 * Anything else is returned unchanged.
 */
export function demangleType(dds: string): string {
  const parts = dds.split('::');
  if (parts.length >= 3 && parts[parts.length - 2] === 'dds_') {
    let t = parts[parts.length - 1]!;
    if (t.endsWith('_')) t = t.slice(0, -1);
    if (parts[1] === 'srv' || parts[1] === 'action') t = t.replace(/_(Request|Response)$/, '');
    return [...parts.slice(0, -2), t].join('/');
  }
  return dds;
}
