/** @module `/documents/:id`: a whole document with its metadata. */
import { Hono } from "hono";
import { AppError } from "../../errors";
import { DEFAULT_LANGUAGE } from "../../format/analyzer";
import type { BundleReader } from "../../format/reader";
import { similarTo } from "../../search/similar";
import type { RouteDoc } from "../api/openapi";
import { DocumentResponse, ErrorResponse, errorResponses, IdParam, SimilarQuery, SimilarResponse } from "../api/schemas";
import { validate } from "../api/validation";
import type { AppEnv } from "../app-env";

const route = {
  method: "get",
  path: "/documents/:id",
  summary: "One whole document",
  request: { params: IdParam },
  responses: {
    200: { description: "The document", content: { "application/json": { schema: DocumentResponse } } },
    404: { description: "No document has this id", content: { "application/json": { schema: ErrorResponse } } },
    ...errorResponses,
  },
} as const satisfies RouteDoc;

/**
 * A stored document as `/documents/:id` answers it: nulls for what it lacks, its language (a bundle of before
 * languages holds English documents only), and its near-duplicates as counted and listed in its metadata.
 * @example
 * documentAnswer(await reader.document("a")); // { id: "a", ..., duplicates: 0, duplicate_ids: [] }
 */
export function documentAnswer(doc: NonNullable<Awaited<ReturnType<BundleReader["document"]>>>) {
  const { duplicates, ...stored } = doc;
  return {
    ...stored,
    date: doc.date ?? null,
    url: doc.url ?? null,
    lang: doc.lang ?? DEFAULT_LANGUAGE,
    mentions: doc.mentions ?? [],
    duplicates: duplicates?.count ?? 0,
    duplicate_ids: duplicates?.ids ?? [],
  };
}

const similarRoute = {
  method: "get",
  path: "/documents/:id/similar",
  summary: "Related articles of a document",
  request: { params: IdParam, query: SimilarQuery },
  responses: {
    200: { description: "Its related articles", content: { "application/json": { schema: SimilarResponse } } },
    404: { description: "No document has this id", content: { "application/json": { schema: ErrorResponse } } },
    ...errorResponses,
  },
} as const satisfies RouteDoc;

const notFound = (id: string) => new AppError("document_not_found", `No document has the id "${id.slice(0, 200)}".`);

/** What `/openapi.json` says of these routes. */
export const documentDocs: RouteDoc[] = [route, similarRoute];

export const documentRoutes = new Hono<AppEnv>()
  .get(route.path, validate("param", IdParam), async (c) => {
    const { id } = c.req.valid("param");
    const reader = await c.var.bundle();
    const doc = await reader.document(id);
    if (!doc) throw notFound(id);
    return c.json(documentAnswer(doc), 200);
  })
  .get(similarRoute.path, validate("query", SimilarQuery), validate("param", IdParam), async (c) => {
    const { id } = c.req.valid("param");
    const { limit } = c.req.valid("query");
    const reader = await c.var.bundle();
    const similar = await similarTo(reader, id, limit);
    if (!similar) throw notFound(id);
    return c.json({ id, similar }, 200);
  });
