import "server-only";
import { eq, or, sql } from "drizzle-orm";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { dummyPasswordHash, verifyPassword } from "./password";
import { isStorableText } from "@/lib/validation";
import { authSecret } from "./secret";
import { clearAccountFailures, clientAddress, isThrottled, recordFailure, throttleKeys } from "./throttle";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sv?: number;
  }
}

/** The same answer for an unknown account, a wrong password and a disabled account. */
class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}

class Throttled extends CredentialsSignin {
  code = "throttled";
}

const signInInput = z.object({
  login: z.string().trim().min(1).max(254).refine(isStorableText),
  password: z.string().min(1).max(1024),
});

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  // A failed sign-in is an expected answer, not a server error worth a stack trace.
  logger: {
    error(error) {
      if (!("type" in error && error.type === "CredentialsSignin")) console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { login: { label: "Username or email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const input = signInInput.safeParse(credentials);
        if (!input.success) throw new InvalidCredentials();
        const { login, password } = input.data;
        const db = await getDb();
        const keys = throttleKeys(login, clientAddress(request.headers));
        if (await isThrottled(db, keys)) throw new Throttled();

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
        // Verify against a dummy hash for unknown accounts so timing does not reveal which exist.
        const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
        if (!user || !valid || !user.isActive) {
          await recordFailure(db, keys);
          throw new InvalidCredentials();
        }
        await clearAccountFailures(db, login);
        return { id: user.id, name: user.username, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      // Only identity travels in the cookie; permissions are read from the database per request.
      session.user.id = token.sub ?? "";
      session.sessionVersion = token.sv;
      return session;
    },
  },
}));
