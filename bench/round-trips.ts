// Round trips counted on the wire, not inferred from the statement count: a TCP relay between the
// app's own client and PostgreSQL counts the client's turns, each time it sends after PostgreSQL
// has answered something. Statements sent together without waiting are one turn; a statement
// that waits for the reply of the one before it is another.
import net from "node:net";
import { openDatabase, useDatabase, type DatabaseHandle } from "@/db/client";

interface TurnCounter {
  url: string;
  turns(): number;
  close(): Promise<void>;
}

async function turnCountingRelay(url: string): Promise<TurnCounter> {
  const target = new URL(url);
  const sockets = new Set<net.Socket>();
  let turns = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    let answered = true;
    client.on("data", (chunk) => {
      if (answered) turns++;
      answered = false;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      answered = true;
      client.write(chunk);
    });
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(socket);
      socket.on("error", () => other.destroy());
      socket.on("close", () => {
        sockets.delete(socket);
        other.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const relayed = new URL(url);
  relayed.hostname = "127.0.0.1";
  relayed.port = String((server.address() as net.AddressInfo).port);
  return {
    url: relayed.toString(),
    turns: () => turns,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The round trips one call of `fn` makes through the app's database handle, on a warm connection
 * (one pooled connection that has run `fn` once, so its statements are prepared, as in a server
 * that has been up a while). `main` is the handle to put back afterwards.
 */
export async function roundTripsOf(url: string, main: DatabaseHandle, fn: () => Promise<unknown>): Promise<number> {
  const relay = await turnCountingRelay(url);
  const handle = await openDatabase({ url: relay.url, max: 1 });
  try {
    useDatabase(handle);
    await fn();
    const before = relay.turns();
    await fn();
    return relay.turns() - before;
  } finally {
    useDatabase(main);
    await handle.close();
    await relay.close();
  }
}
