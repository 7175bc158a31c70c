"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { safeReturnPath } from "@/lib/navigation";

export interface SignInState {
  error?: string;
  login?: string;
}

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const login = String(formData.get("login") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!login || !password) return { error: "Enter your username or email and your password.", login };
  try {
    await signIn("credentials", { login, password, redirectTo: safeReturnPath(formData.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      return { error: "Too many failed sign-ins. Wait 15 minutes and try again.", login };
    }
    if (error instanceof CredentialsSignin && error.code === "unavailable") {
      return { error: "We cannot check your password right now. Try again in a moment.", login };
    }
    if (error instanceof AuthError) return { error: "Wrong username, email or password.", login };
    // signIn redirects by throwing; let Next handle it.
    throw error;
  }
}
