/**
 * The HTTP server of an Express app, with requests and responses born Express objects.
 *
 * `app.listen()` creates a plain node:http server; for every request Express then calls
 * `Object.setPrototypeOf()` on the request and the response to give them its methods. Changing
 * the prototype of a live object makes V8 give it a new, slow map: every later property access
 * on `req` and `res` (in Express, in Node's http internals, in our handlers) misses its inline
 * caches. A CPU profile of the query service under load showed it as the largest single cost,
 * about half of Express's time per request.
 *
 * node:http lets a server construct its requests and responses from given classes
 * (`IncomingMessage`, `ServerResponse` options). Construct them with the app's own request and
 * response prototypes, and Express's `setPrototypeOf` finds the prototype already in place and
 * changes nothing. Express still does everything it did: only the objects' birth moved.
 */
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

interface ExpressPrototypes {
  request: object;
  response: object;
}

export function createExpressServer(app: Express): Server {
  const { request, response } = app as unknown as ExpressPrototypes;
  // Function constructors, not classes: `prototype` must be exactly the app's object, which
  // itself inherits from IncomingMessage.prototype / ServerResponse.prototype.
  function AppRequest(this: IncomingMessage, socket: Socket): void {
    IncomingMessage.call(this, socket);
  }
  AppRequest.prototype = request;
  function AppResponse(this: ServerResponse, req: IncomingMessage, options?: object): void {
    (ServerResponse as unknown as (req: IncomingMessage, options?: object) => void).call(this, req, options);
  }
  AppResponse.prototype = response;
  return createServer(
    {
      IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
      ServerResponse: AppResponse as unknown as typeof ServerResponse,
    },
    app,
  );
}
