// Worker thread entry (dist/xmlrpcWorker.js): decodes one XML-RPC reply per message, so a large or
// hostile reply costs the thread that asked (the extension host, shared by every extension) only the
// copy in and the result out. See replyDecoder.ts.
import { parentPort } from 'node:worker_threads';
import { firstItemIsDouble, NotXmlRpcError, parseMethodResponse, XmlRpcFault } from './xmlrpcCodec';
import type { WorkerReply, WorkerRequest } from './replyDecoder';

parentPort?.on('message', ({ id, bytes }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const value = parseMethodResponse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    reply = { id, ok: true, value, doubleFirst: firstItemIsDouble(value) };
  } catch (e) {
    reply =
      e instanceof XmlRpcFault
        ? { id, ok: false, kind: 'fault', message: e.message, faultCode: e.faultCode, faultString: e.faultString }
        : {
            id,
            ok: false,
            kind: e instanceof NotXmlRpcError ? 'not-xmlrpc' : 'error',
            message: e instanceof Error ? e.message : String(e),
          };
  }
  parentPort!.postMessage(reply);
});
