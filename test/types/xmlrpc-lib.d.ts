// The xmlrpc package's internal (de)serializer modules, which @types/xmlrpc does not describe.
declare module 'xmlrpc/lib/serializer' {
  export function serializeMethodCall(method: string, params: unknown[], encoding?: string): string;
}
declare module 'xmlrpc/lib/deserializer' {
  import type { Readable } from 'node:stream';
  class Deserializer {
    constructor(encoding?: string);
    deserializeMethodResponse(
      stream: Readable,
      callback: (error: (Error & { faultString?: string; faultCode?: number }) | null, value: unknown) => void,
    ): void;
  }
  export default Deserializer;
}
