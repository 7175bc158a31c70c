// The signed-in viewer that the mocked getViewer() answers with, set by each test. next-auth's
// session cannot run under vitest; everything after getViewer() is the real server action.
import type { Viewer } from "@/lib/auth/principal";

export const session: { viewer: Viewer | null } = { viewer: null };
