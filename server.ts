// The production server (`npm start`): Next's request handler behind a Node HTTP server of our
// own, for what `next start` cannot do.
// - The client's address comes from the socket. `next start` keeps any X-Forwarded-For a client
//   sends, so a forged header would pick the address the sign-in throttle counts. Here the header
//   is replaced by one trusted address (TRUSTED_PROXIES decides whose forwarding counts).
// - SIGTERM (or SIGINT) stops taking connections, lets the requests in flight finish (an export
//   stream included) for at most SHUTDOWN_GRACE_MS, then closes the database pool and exits.
import { createServer } from "node:http";
import { closeDatabase } from "./db/client";
import { parseTrustedProxies, trustedClientAddress } from "./lib/auth/client-address";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const graceMs = Number(process.env.SHUTDOWN_GRACE_MS || 20_000);
const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);

// `next start` sets this itself; Next picks its production runtime by it, so set it before loading Next.
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: "production" });
const { default: next } = await import("next");
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  request.headers["x-forwarded-for"] = trustedClientAddress(
    request.socket.remoteAddress,
    request.headers["x-forwarded-for"],
    trusted,
  );
  delete request.headers["x-real-ip"];
  void handle(request, response);
});
server.listen(port, hostname, () => {
  console.log(`Ledgerline is serving http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing the requests in flight (at most ${graceMs / 1000} s), then stopping`);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const late = setTimeout(() => {
    console.warn(`Requests still open after ${graceMs / 1000} s: closing them`);
    server.closeAllConnections();
  }, graceMs);
  await closed;
  clearTimeout(late);
  await app.close().catch((error: unknown) => console.error(error));
  await closeDatabase().catch((error: unknown) => console.error(error));
  process.exit(0);
}
process.on("SIGTERM", (signal) => void shutdown(signal));
process.on("SIGINT", (signal) => void shutdown(signal));
