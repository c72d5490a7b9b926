// A realistic master state without starting dozens of processes: registers publishers and services
// straight through the master API (the master calls back only subscribers, and we register none).
import { callXmlRpc } from '../../src/core/probe/xmlrpcCall';

export interface GraphSize {
  readonly nodes: number;
  readonly topicsPerNode: number;
  readonly servicesPerNode: number;
}

export const TYPICAL_GRAPH: GraphSize = { nodes: 25, topicsPerNode: 4, servicesPerNode: 2 };

export async function populateMaster(masterUri: string, g: GraphSize = TYPICAL_GRAPH): Promise<void> {
  for (let n = 0; n < g.nodes; n++) {
    const node = `/bench_node_${n}`;
    // Never contacted (no subscribers); a closed port on loopback.
    const api = `http://127.0.0.1:9/${n}`;
    for (let t = 0; t < g.topicsPerNode; t++)
      await callXmlRpc(masterUri, 'registerPublisher', [node, `/bench/n${n}/topic_${t}`, 'std_msgs/String', api]);
    for (let s = 0; s < g.servicesPerNode; s++)
      await callXmlRpc(masterUri, 'registerService', [node, `${node}/service_${s}`, 'rosrpc://127.0.0.1:9', api]);
  }
}
