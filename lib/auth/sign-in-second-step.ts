import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { acceptSecondFactor, secondFactorThrottleKeys } from "./mfa";
import { sealFor, unsealFresh } from "./sealed";
import { SignInRefused, type SignedInUser } from "./sign-in-refused";
import { recordSuccess, reserveTry } from "./throttle";

// The second step of signing in, for users with two-factor sign-in on: the password step answers
// a ticket (sealed, naming the user, valid five minutes) instead of a session; this step takes the
// ticket and a code. Wrong codes count against the sign-in throttle, on a budget of their own.

const TICKET_TTL_MS = 5 * 60_000;
const TICKET_CONTEXT = "sign-in";

export const secondStepInput = z.object({
  ticket: z.string().min(1).max(2000),
  code: z.string().trim().min(1).max(64),
});

export function secondStepTicket(user: SignedInUser): string {
  return sealFor("sign-in-ticket", user, TICKET_CONTEXT, TICKET_TTL_MS);
}

export async function verifySecondStep(
  input: z.infer<typeof secondStepInput>,
  address: string | null,
): Promise<SignedInUser> {
  const ticket = unsealFresh<SignedInUser>("sign-in-ticket", input.ticket, TICKET_CONTEXT);
  if (!ticket) throw new SignInRefused("expired");
  const db = await getDb();
  const keys = secondFactorThrottleKeys(ticket.id, address);
  const locked = await reserveTry(db, keys);
  if (locked) {
    console.warn(`Second-factor sign-in throttled for user ${ticket.id} from ${address ?? "an unknown address"}`);
    throw new SignInRefused("throttled", locked.retryAfterSeconds, input.ticket);
  }
  const accepted = await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ isActive: users.isActive, sessionVersion: users.sessionVersion })
      .from(users)
      .where(eq(users.id, ticket.id));
    // A password changed or an account disabled since the password step ends the ticket.
    if (!user?.isActive || user.sessionVersion !== ticket.sessionVersion) return null;
    return acceptSecondFactor(tx, ticket.id, input.code);
  });
  if (!accepted) {
    console.warn(`Second-factor sign-in failed for user ${ticket.id} from ${address ?? "an unknown address"}`);
    throw new SignInRefused("bad-code", undefined, input.ticket);
  }
  await recordSuccess(db, keys);
  if (accepted === "recovery") console.warn(`User ${ticket.id} signed in with a recovery code`);
  return ticket;
}
