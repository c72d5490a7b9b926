import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countsText, topicText } from '../../../src/core/text/graphCounts';

test('counts in the log and rosnet probe: "1 node, 1 topic, 1 service", plurals otherwise', () => {
  assert.equal(countsText({ nodes: 1, topics: 1, services: 1 }), '1 node, 1 topic, 1 service');
  assert.equal(countsText({ nodes: 0, topics: 2, services: 3 }), '0 nodes, 2 topics, 3 services');
});

test('a topic in the view: "1 publisher / 2 subscribers", the type first when known', () => {
  assert.equal(topicText('std_msgs/String', 1, 2), 'std_msgs/String · 1 publisher / 2 subscribers');
  assert.equal(topicText(undefined, 2, 1), '2 publishers / 1 subscriber');
});
