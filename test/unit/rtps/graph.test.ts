import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EndpointData } from '../../../src/core/rtps/discoveryData';
import type { ParticipantEntitiesInfo } from '../../../src/core/rtps/entitiesInfo';
import { buildGraph } from '../../../src/core/rtps/graph';
import type { Ros2Participant } from '../../../src/core/rtps/monitor';

const A = '0110000000000000000000aa';
const B = '010f000000000000000000bb';

function participant(prefix: string): Ros2Participant {
  const guid = `${prefix}000001c1`;
  return {
    guid: `${guid.slice(0, 8)}:${guid.slice(8, 16)}:${guid.slice(16, 24)}:${guid.slice(24)}`,
    vendorId: '01.10',
    vendor: 'Cyclone DDS',
    addresses: [],
    locators: [],
    sharedMemory: false,
    sourceAddress: '127.0.0.1',
    leaseSeconds: 10,
    domain: 0,
    domainFrom: 'announced',
    firstSeen: 0,
    lastSeen: 0,
    self: false,
  };
}

function ep(prefix: string, id: string, kind: 'writer' | 'reader', topic: string, type: string, extra: Partial<EndpointData> = {}) {
  const data: EndpointData = {
    guid: `${prefix}${id}`,
    participantGuid: `${prefix}000001c1`,
    topic,
    type,
    reliability: 'reliable',
    durability: 'volatile',
    userData: undefined,
    unicastLocators: [],
    typeHash: undefined,
    ...extra,
  };
  return [data.guid, { kind, data }] as const;
}

describe('ROS 2 graph from SEDP and ros_discovery_info', () => {
  const endpoints = new Map([
    ep(A, '00000103', 'writer', 'rt/chatter', 'std_msgs::msg::dds_::String_'),
    ep(B, '00000104', 'reader', 'rt/chatter', 'std_msgs::msg::dds_::String_', { reliability: undefined }),
    ep(B, '00000204', 'reader', 'rq/add_two_intsRequest', 'example_interfaces::srv::dds_::AddTwoInts_Request_'),
    ep(B, '00000303', 'writer', 'rr/add_two_intsReply', 'example_interfaces::srv::dds_::AddTwoInts_Response_'),
    ep(A, '00000403', 'writer', 'ros_discovery_info', 'rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_', {
      durability: 'transient-local',
    }),
  ]);
  const infos = new Map<string, ParticipantEntitiesInfo>([
    [`${A}000001c1`, { gid: `${A}000001c1`, gidSize: 24, nodes: [{ namespace: '/', name: 'talker', readers: [], writers: [] }] }],
    [`${B}000001c1`, { gid: `${B}000001c1`, gidSize: 16, nodes: [{ namespace: '/robot', name: 'server', readers: [], writers: [] }] }],
  ]);
  const g = buildGraph(7, [participant(A), participant(B)], endpoints, infos);

  it('topics carry ROS names, types and counts; DDS-only topics stay out of them', () => {
    assert.deepEqual(g.topics, [
      {
        name: '/chatter',
        type: 'std_msgs/msg/String',
        publishers: 1,
        subscribers: 1,
        reliability: ['best-effort', 'reliable'],
        durability: ['volatile'],
      },
    ]);
    assert.equal(g.endpoints.length, 5);
  });

  it('services from request/reply topics: request readers are servers', () => {
    assert.deepEqual(g.services, [{ name: '/add_two_ints', type: 'example_interfaces/srv/AddTwoInts', servers: 1, clients: 0 }]);
  });

  it('nodes with their namespace and participant; Gid size gives the distro hint', () => {
    assert.deepEqual(
      g.nodes.map((n) => [n.fullName, n.participant.slice(-11)]),
      [
        ['/robot/server', 'bb:000001c1'],
        ['/talker', 'aa:000001c1'],
      ],
    );
    assert.deepEqual(
      g.participants.map((p) => p.distroHint),
      ['humble', 'iron-or-later'],
    );
  });
});
