"use server";

import { extendForm, extendFromForm } from "@/lib/rbac/console-actions";
import { consoleAction } from "../console-action";

export const extendAction = consoleAction(extendForm, extendFromForm);
