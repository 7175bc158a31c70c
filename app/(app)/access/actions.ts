"use server";

import { requestAccessForm, requestAccessFromForm } from "@/lib/rbac/access-request-forms";
import { consoleAction } from "../admin/console-action";

export const requestAccessAction = consoleAction(requestAccessForm, requestAccessFromForm);
