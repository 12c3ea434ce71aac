/** @module `/documents/:id`: a whole document with its metadata. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { AppError } from "../../errors";
import { DEFAULT_LANGUAGE } from "../../format/analyzer";
import { DocumentResponse, ErrorResponse, errorResponses, IdParam } from "../api/schemas";
import { validationHook } from "../api/validation";
import type { AppEnv } from "../app-env";

const route = createRoute({
  method: "get",
  path: "/documents/{id}",
  summary: "One whole document",
  request: { params: IdParam },
  responses: {
    200: { description: "The document", content: { "application/json": { schema: DocumentResponse } } },
    404: { description: "No document has this id", content: { "application/json": { schema: ErrorResponse } } },
    ...errorResponses,
  },
});

export const documentRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
  const { id } = c.req.valid("param");
  const reader = await c.var.bundle();
  const doc = await reader.document(id);
  if (!doc) throw new AppError("document_not_found", `No document has the id "${id.slice(0, 200)}".`);
  // A bundle of before languages holds English documents only.
  return c.json(
    { ...doc, date: doc.date ?? null, url: doc.url ?? null, lang: doc.lang ?? DEFAULT_LANGUAGE, mentions: doc.mentions ?? [] },
    200,
  );
});
