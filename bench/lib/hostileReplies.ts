// XML-RPC replies built to cost the decoder the most per byte under the call's size cap: references,
// many tiny values, comments, deep nesting. Each fills the cap (8 MB) unless a decoder limit stops it.
import { DEFAULT_MAX_BYTES } from '../../src/core/probe/xmlrpcCall';

const HEAD = '<?xml version="1.0"?><methodResponse><params><param>';
const TAIL = '</param></params></methodResponse>';

/** `open` + as many `unit`s as fit under the cap + `close`, inside a methodResponse. */
function fill(open: string, unit: string, close: string, cap = DEFAULT_MAX_BYTES): string {
  const n = Math.floor((cap - HEAD.length - TAIL.length - open.length - close.length) / unit.length);
  return HEAD + open + unit.repeat(n) + close + TAIL;
}

const list = (unit: string) => fill('<value><array><data>', unit, '</data></array></value>');
const str = (unit: string) => fill('<value><string>', unit, '</string></value>');

export const HOSTILE_REPLIES: ReadonlyArray<{ readonly name: string; readonly text: () => string }> = [
  { name: '&amp; entities', text: () => str('&amp;') },
  { name: 'decimal character references', text: () => str('&#65;') },
  { name: 'hex character references', text: () => str('&#x1F600;') },
  { name: 'empty <value/>s', text: () => list('<value/>') },
  { name: 'one-letter untyped values', text: () => list('<value>a</value>') },
  { name: 'tiny <i4>s', text: () => list('<value><i4>1</i4></value>') },
  { name: 'tiny <double>s', text: () => list('<value><double>1.5e3</double></value>') },
  { name: 'tiny <base64>s', text: () => list('<value><base64>QQ==</base64></value>') },
  { name: 'struct members', text: () => fill('<value><struct>', '<member><name>a</name><value>1</value></member>', '</struct></value>') },
  { name: 'values between whitespace', text: () => list(' <value> <string>a</string> </value>') },
  { name: 'comments inside a string', text: () => str('<!---->') },
  { name: 'CDATA sections inside a string', text: () => str('<![CDATA[a]]>') },
  { name: 'arrays nested to the cap', text: () => fill('', '<value><array><data>', '') },
  { name: 'one 8 MB string', text: () => str('abcdefgh') },
];

/** A master's getSystemState reply (publishers, subscribers, services lists), as rosmaster writes it. */
export function systemStateReply(nodes: number, topicsPerNode = 4, servicesPerNode = 2): string {
  const s = (v: string) => `<value><string>${v}</string></value>`;
  const arr = (items: string[]) => `<value><array><data>${items.join('')}</data></array></value>`;
  const pubs: string[] = [];
  const subs: string[] = [];
  const srvs: string[] = [];
  for (let n = 0; n < nodes; n++) {
    for (let t = 0; t < topicsPerNode; t++) {
      pubs.push(arr([s(`/robot/topic_${n}_${t}`), arr([s(`/node_${n}`)])]));
      subs.push(arr([s(`/robot/topic_${n}_${t}`), arr([s(`/node_${(n + 1) % nodes}`), s(`/rosout`)])]));
    }
    for (let k = 0; k < servicesPerNode; k++) srvs.push(arr([s(`/node_${n}/service_${k}`), arr([s(`/node_${n}`)])]));
  }
  return `${HEAD}${arr(['<value><int>1</int></value>', s('current system state'), arr([arr(pubs), arr(subs), arr(srvs)])])}${TAIL}`;
}
