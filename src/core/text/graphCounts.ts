import { plural } from './plural';

/** "3 nodes, 1 topic, 4 services": the master's counts as the log and `rosnet probe` say them. */
export function countsText(c: { readonly nodes: number; readonly topics: number; readonly services: number }): string {
  return `${plural(c.nodes, 'node')}, ${plural(c.topics, 'topic')}, ${plural(c.services, 'service')}`;
}

/** A topic's line in the view: "std_msgs/String · 1 publisher / 2 subscribers" (the type left out when unknown). */
export function topicText(type: string | undefined, publishers: number, subscribers: number): string {
  const ends = `${plural(publishers, 'publisher')} / ${plural(subscribers, 'subscriber')}`;
  return type ? `${type} · ${ends}` : ends;
}
