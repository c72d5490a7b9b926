// The DDS lab itself, with real Cyclone DDS and Fast DDS participants: discovery and data cross the
// host-a/host-b link by multicast; behind the router only unicast (static peers) gets through. The
// ROS 2 live tests build on these facts, so they are proven here first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildDdsParticipants, onMachine, startDdsNode, type DdsNode, type DdsVendor } from '../helpers/ddsParticipants';
import { createDdsLab, type DdsLab } from '../helpers/netns';

const VENDORS: readonly DdsVendor[] = ['cyclonedds', 'fastdds'];

test('DDS lab: multicast discovery on the shared link, only unicast across the router', { timeout: 180_000 }, async (t) => {
  buildDdsParticipants();
  const lab: DdsLab = createDdsLab();
  const nodes: DdsNode[] = [];
  t.after(async () => {
    await Promise.all(nodes.map((n) => n.kill9()));
    lab.cleanup();
  });
  const start = async (...args: Parameters<typeof startDdsNode>) => {
    const n = await startDdsNode(...args);
    nodes.push(n);
    return n;
  };

  for (const [i, vendor] of VENDORS.entries()) {
    const domain = 10 + i;
    await t.test(`${vendor}: a listener on host-a hears a talker on host-b (multicast discovery)`, async () => {
      const talker = await start(
        {
          vendor,
          domain,
          node: 'talker',
          pubs: ['/chatter'],
          interface: vendor === 'fastdds' ? lab.hostB.ip : lab.hostB.dev,
          udpOnly: vendor === 'fastdds' || undefined,
          periodMs: 200,
        },
        onMachine(lab, lab.hostB),
      );
      const listener = await start(
        {
          vendor,
          domain,
          node: 'listener',
          subs: ['/chatter'],
          interface: vendor === 'fastdds' ? lab.hostA.ip : lab.hostA.dev,
          udpOnly: vendor === 'fastdds' || undefined,
        },
        onMachine(lab, lab.hostA),
      );
      assert.match(await listener.waitForLine(/^heard rt\/chatter Hello World/, 15_000), /Hello World: \d+/);
      assert.equal(await listener.stop(), 0);
      assert.equal(await talker.stop(), 0);
      assert.ok(talker.lines.includes('bye'), 'SIGTERM ends the talker through its clean path');
    });

    await t.test(`${vendor}: across the router multicast discovery finds nobody; static peers (unicast) do`, async () => {
      // Only the peered listener names a peer: the talker answers the unicast announcement it gets.
      // Its well-known port (participant index) is where that announcement is sent.
      const talker = await start(
        {
          vendor,
          domain,
          node: 'talker',
          pubs: ['/chatter'],
          interface: vendor === 'fastdds' ? lab.hostBUplink.ip : lab.hostBUplink.dev,
          udpOnly: vendor === 'fastdds' || undefined,
          periodMs: 200,
          participantIndex: 'auto',
        },
        onMachine(lab, lab.hostB),
      );
      const deaf = await start(
        {
          vendor,
          domain,
          node: 'deaf',
          subs: ['/chatter'],
          interface: vendor === 'fastdds' ? lab.hostC.ip : lab.hostC.dev,
          udpOnly: vendor === 'fastdds' || undefined,
        },
        onMachine(lab, lab.hostC),
      );
      const peered = await start(
        {
          vendor,
          domain,
          node: 'peered',
          subs: ['/chatter'],
          interface: vendor === 'fastdds' ? lab.hostC.ip : lab.hostC.dev,
          udpOnly: vendor === 'fastdds' || undefined,
          peers: [lab.hostBUplink.ip],
        },
        onMachine(lab, lab.hostC),
      );
      await peered.waitForLine(/^heard rt\/chatter /, 15_000);
      // The peered listener hears the talker; the multicast-only one on the same host does not
      // (the talker learns of 'deaf' only if deaf's announcement reached it, which multicast cannot).
      await sleep(3_000);
      assert.deepEqual(
        deaf.lines.filter((l) => l.startsWith('heard')),
        [],
      );
      for (const n of [peered, deaf, talker]) assert.equal(await n.stop(), 0);
    });
  }
});
