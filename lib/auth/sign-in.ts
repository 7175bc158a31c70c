import "server-only";
import { eq, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { isUnreachable } from "@/db/errors";
import { Unavailable } from "@/lib/errors";
import { isStorableText } from "@/lib/validation";
import { hasSecondFactor } from "./mfa";
import { dummyPasswordHash, verifyPassword } from "./password";
import { secondStepInput, secondStepTicket, verifySecondStep } from "./sign-in-second-step";
import { SignInRefused, type SignedInUser } from "./sign-in-refused";
import { clientAddress, recordSuccess, reserveTry, throttleKeys } from "./throttle";

const signInInput = z.object({
  login: z.string().trim().min(1).max(254).refine(isStorableText),
  password: z.string().min(1).max(1024),
});

/** The account a username or email and password sign in, or the reason they do not. */
export async function checkCredentials(credentials: unknown, headers: Headers): Promise<SignedInUser> {
  const second = secondStepInput.safeParse(credentials);
  const input = signInInput.safeParse(credentials);
  if (!second.success && !input.success) throw new SignInRefused("invalid");
  try {
    if (second.success) return await verifySecondStep(second.data, clientAddress(headers));
    if (!input.success) throw new SignInRefused("invalid");
    return await verify(input.data.login, input.data.password, clientAddress(headers));
  } catch (error) {
    if (error instanceof Unavailable || isUnreachable(error)) throw new SignInRefused("unavailable");
    throw error;
  }
}

async function verify(login: string, password: string, address: string | null): Promise<SignedInUser> {
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      username: users.username,
      passwordHash: users.passwordHash,
      isActive: users.isActive,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(or(eq(users.username, login.toLowerCase()), eq(sql`lower(${users.email})`, login.toLowerCase())))
    .limit(1);
  // Username and email, in any case, are one account and one budget; an unknown login its own.
  const keys = throttleKeys(user?.id ?? `login:${login.toLowerCase()}`, address);
  const locked = await reserveTry(db, keys);
  if (locked) {
    console.warn(`Sign-in throttled for ${JSON.stringify(login)} from ${address ?? "an unknown address"}`);
    throw new SignInRefused("throttled", locked.retryAfterSeconds);
  }
  // Verify against a dummy hash for unknown accounts so timing does not reveal which exist.
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid || !user.isActive) {
    console.warn(`Sign-in failed for ${JSON.stringify(login)} from ${address ?? "an unknown address"}`);
    throw new SignInRefused("invalid");
  }
  await recordSuccess(db, keys);
  const signedIn = { id: user.id, name: user.username, sessionVersion: user.sessionVersion };
  // Enrolled: the password alone signs nobody in; the code step gets a ticket for this user.
  if (await hasSecondFactor(db, user.id)) {
    throw new SignInRefused("second-factor", undefined, secondStepTicket(signedIn));
  }
  return signedIn;
}
